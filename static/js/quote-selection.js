// Fill a page's quote box with the words selected in that page's text.
document.addEventListener("mouseup", function (event) {
  var section = event.target.closest && event.target.closest("section[data-page]");
  if (!section || !event.target.closest(".page-text")) return;
  var words = window.getSelection().toString().trim();
  var box = section.querySelector(".evidence-form textarea[name=quote]");
  if (words && box) { box.value = words; section.querySelector("details.evidence-actions").open = true; }
});
