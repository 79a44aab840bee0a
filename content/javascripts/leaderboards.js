// Make every leaderboard sortable; re-run after each instant-navigation page load (Material's document$).
document$.subscribe(function () {
  document.querySelectorAll("table[data-sortable]").forEach(function (table) {
    if (!table.dataset.sortReady) {
      new Tablesort(table);
      table.dataset.sortReady = "1";
    }
  });
});
