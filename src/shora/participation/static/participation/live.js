// The dashboard's live part, fetched again every minute without reloading the page
// (the project serves no htmx yet: a plain fetch() does the same for this one region).
(function () {
  var region = document.getElementById("live");
  if (!region) { return; }
  var every = parseInt(region.getAttribute("data-every") || "60", 10) * 1000;
  function refresh() {
    fetch(region.getAttribute("data-url"), { credentials: "same-origin" })
      .then(function (answer) { return answer.ok ? answer.text() : null; })
      .then(function (html) { if (html !== null) { region.innerHTML = html; } })
      .catch(function () { /* the next round tries again */ });
  }
  setInterval(refresh, every);
})();
