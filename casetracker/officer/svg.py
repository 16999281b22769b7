"""Server-rendered SVG bar charts: the share answered on time per month against the ICO's 90%, and counts."""

from __future__ import annotations

from markupsafe import Markup, escape

from casetracker.officer.constants import ICO_ON_TIME_TARGET

WIDTH, HEIGHT, PAD = 640, 240, 36


def timeliness_chart(months: list[tuple[str, dict]]) -> Markup:
    """Return an accessible ``<svg>`` (role img, title, one labelled bar per month)."""
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    n = max(len(months), 1)
    bar = min(plot_w / n, 90)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="chart-title" class="img-fluid" id="timeliness-chart">',
             '<title id="chart-title">Requests answered on time, per month of receipt, against the ICO\'s '
             f'{ICO_ON_TIME_TARGET}%</title>',
             f'<line x1="{PAD}" y1="{PAD + plot_h}" x2="{PAD + plot_w}" y2="{PAD + plot_h}" stroke="#333"/>']
    for i, (key, counts) in enumerate(months):
        percent = counts["percent_on_time"] or 0
        h = plot_h * percent / 100
        x = PAD + i * bar + bar * 0.15
        colour = "#146c43" if percent >= ICO_ON_TIME_TARGET else "#b02a37"
        parts.append(f'<rect x="{x:.1f}" y="{PAD + plot_h - h:.1f}" width="{bar * 0.7:.1f}" height="{h:.1f}" '
                     f'fill="{colour}"><title>{escape(key)}: {percent}% on time</title></rect>')
        parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{HEIGHT - PAD / 3:.1f}" font-size="11" '
                     f'text-anchor="middle">{escape(key)}</text>')
        parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{PAD + plot_h - h - 4:.1f}" font-size="11" '
                     f'text-anchor="middle">{percent}%</text>')
    target_y = PAD + plot_h * (1 - ICO_ON_TIME_TARGET / 100)
    parts.append(f'<line x1="{PAD}" y1="{target_y:.1f}" x2="{PAD + plot_w}" y2="{target_y:.1f}" '
                 'stroke="#000" stroke-dasharray="6 4"/>')
    parts.append(f'<text x="{PAD + plot_w}" y="{target_y - 4:.1f}" font-size="11" text-anchor="end">'
                 f'ICO {ICO_ON_TIME_TARGET}%</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(chart_id: str, title: str, bars: list[tuple[str, int]]) -> Markup:
    """Return an accessible ``<svg>`` bar chart of counts: role img, a title, one labelled bar per (label, count)."""
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    top = max((count for _label, count in bars), default=0) or 1
    bar = min(plot_w / max(len(bars), 1), 110)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="{escape(chart_id)}-title" class="img-fluid" id="{escape(chart_id)}">',
             f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
             f'<line x1="{PAD}" y1="{PAD + plot_h}" x2="{PAD + plot_w}" y2="{PAD + plot_h}" stroke="#333"/>']
    for i, (label, count) in enumerate(bars):
        h = plot_h * count / top
        x = PAD + i * bar + bar * 0.15
        parts.append(f'<rect x="{x:.1f}" y="{PAD + plot_h - h:.1f}" width="{bar * 0.7:.1f}" height="{h:.1f}" '
                     f'fill="#0b5394"><title>{escape(label)}: {count}</title></rect>')
        parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{HEIGHT - PAD / 3:.1f}" font-size="11" '
                     f'text-anchor="middle">{escape(label)}</text>')
        parts.append(f'<text x="{x + bar * 0.35:.1f}" y="{PAD + plot_h - h - 4:.1f}" font-size="11" '
                     f'text-anchor="middle">{count}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
