// Poll the Processing page's status URL and update each file's row until none is still being read.
// A static file, not an inline script: the Content-Security-Policy allows scripts from this site only.
(function () {
  'use strict';
  var table = document.getElementById('jobs');
  if (!table || !window.fetch) { return; }
  var url = table.getAttribute('data-status-url');
  var summary = document.getElementById('jobs-summary');
  var finals = { done: true, partial: true, failed: true };

  function setText(row, cls, value) {
    var cell = row.querySelector('.' + cls);
    if (cell) { cell.textContent = value === null || value === undefined ? '' : String(value); }
  }

  function update(data) {
    var newRows = false;
    data.jobs.forEach(function (job) {
      var row = document.getElementById('job-' + job.id);
      if (!row) { newRows = true; return; }
      var wasOpen = !finals[row.getAttribute('data-state')];
      row.setAttribute('data-state', job.state);
      setText(row, 'job-state', job.label);
      if (!job.open) {
        setText(row, 'job-pages', job.pages);
        setText(row, 'job-blank', job.pages_without_text);
        setText(row, 'job-ocr', job.ocr_pages);
        setText(row, 'job-confidence', job.ocr_confidence === null ? '' : Math.round(job.ocr_confidence));
        row.className = job.state === 'failed' ? 'table-danger' : (job.state === 'partial' ? 'table-warning' : '');
        if (wasOpen && job.state !== 'done') { newRows = true; }  // reload once to show the Retry form
      }
    });
    if (summary) { summary.textContent = data.open + ' of ' + data.jobs.length + ' files still being read.'; }
    return { open: data.open, reload: newRows };
  }

  function poll() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        var result = update(data);
        if (result.reload) { window.location.reload(); return; }
        if (result.open > 0) { window.setTimeout(poll, 1000); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }

  if (table.querySelector('tr[data-state="queued"], tr[data-state="extracting"], tr[data-state="ocr"], tr[data-state="indexing"]')) {
    window.setTimeout(poll, 1000);
  }
})();
