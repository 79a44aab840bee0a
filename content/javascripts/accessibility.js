// Name Material's search dialog for screen readers (axe-core rule aria-dialog-name); runs on every page load,
// including instant navigation.
document$.subscribe(function () {
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });
});
