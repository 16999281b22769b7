"""The demo case: the daily attendance data collection and its DPIA."""
