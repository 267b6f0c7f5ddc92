// Loaded in <head>: marks that scripts run, so the phone menu collapses behind its toggle.
// Without JavaScript the menu simply stays open (site.css, .no-js), so every link is reachable.
document.documentElement.classList.remove("no-js");
