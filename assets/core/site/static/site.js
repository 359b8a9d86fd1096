// Client-side filters of the disclosure index: plain DOM, no library, works from file://.
(function () {
  "use strict";
  var table = document.getElementById("disclosures");
  if (!table) { return; }
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var controls = {
    region: document.getElementById("filter-region"),
    year: document.getElementById("filter-year"),
    validation: document.getElementById("filter-validation"),
    department: document.getElementById("filter-department")
  };
  var counter = document.getElementById("shown-count");

  function apply() {
    var region = controls.region.value, year = controls.year.value, validation = controls.validation.value;
    var department = controls.department.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (row) {
      var visible = (!region || row.dataset.region === region) &&
        (!year || row.dataset.year === year) &&
        (!validation || row.dataset.validation === validation) &&
        (!department || row.dataset.department.toLowerCase().indexOf(department) !== -1);
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    counter.textContent = String(shown);
  }

  Object.keys(controls).forEach(function (key) {
    controls[key].addEventListener(key === "department" ? "input" : "change", apply);
  });
  apply();
})();
