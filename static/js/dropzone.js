// Let files be dropped on the upload zone as well as chosen.
(function () {
  var zone = document.getElementById('dropzone'), input = document.getElementById('files');
  if (!zone || !input) return;
  ['dragenter', 'dragover'].forEach(function (e) { zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (e) { zone.addEventListener(e, function (ev) { ev.preventDefault(); zone.classList.remove('over'); }); });
  zone.addEventListener('drop', function (ev) { input.files = ev.dataTransfer.files; });
})();
