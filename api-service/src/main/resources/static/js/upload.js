// Progressive enhancement of the upload form: drag-and-drop and a preview. The form works without this file.
// Loaded as an external script because the Content-Security-Policy forbids inline ones.
(function () {
  'use strict';

  var form = document.getElementById('upload-form');
  if (!form) {
    return;
  }
  var input = document.getElementById('file');
  var zone = document.getElementById('drop-zone');
  var text = document.getElementById('drop-text');
  var preview = document.getElementById('preview');
  var button = document.getElementById('classify-button');
  var previewUrl = null;

  function show(file) {
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
      previewUrl = null;
    }
    if (!file) {
      preview.hidden = true;
      text.textContent = 'Choose a photo, or drop one here';
      return;
    }
    text.textContent = file.name;
    if (file.type.indexOf('image/') === 0) {
      previewUrl = URL.createObjectURL(file);
      preview.src = previewUrl;
      preview.hidden = false;
    } else {
      preview.hidden = true;
    }
  }

  input.addEventListener('change', function () {
    show(input.files[0]);
  });

  ['dragenter', 'dragover'].forEach(function (type) {
    zone.addEventListener(type, function (event) {
      event.preventDefault();
      zone.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    zone.addEventListener(type, function () {
      zone.classList.remove('dragging');
    });
  });
  zone.addEventListener('drop', function (event) {
    event.preventDefault();
    var files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length > 0) {
      input.files = files;
      show(files[0]);
    }
  });

  form.addEventListener('submit', function () {
    // Classification takes a moment; say so, and stop a second click from sending the photo twice.
    button.disabled = true;
    button.textContent = 'Classifying…';
  });
})();
