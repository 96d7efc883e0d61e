// The upload page: name the files chosen or dropped on the drop zone (the form works without this script).
(function () {
  var input = document.getElementById("files");
  var text = document.querySelector("label.drop .drop-text");
  if (!input || !text) { return; }
  var plain = text.innerHTML;
  input.addEventListener("change", function () {
    if (!input.files.length) { text.innerHTML = plain; return; }
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    text.textContent = "Đã chọn " + names.length + " tệp: " + names.join(", ");
  });
})();
