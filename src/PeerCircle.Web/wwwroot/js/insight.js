// Draws the insight dashboard's charts (Chart.js, vendored) from the JSON the page embeds. Withheld
// figures (from fewer than five people) arrive as null and are left as gaps. Every chart has the
// same figures in a table on the page, for screen readers and for anyone who prefers numbers.
(function () {
    "use strict";

    const source = document.getElementById("insight-data");
    if (!source || !window.Chart) {
        return;
    }

    const data = JSON.parse(source.textContent);
    const palette = ["#1f5f8b", "#8a1c1c", "#2e7d32", "#6a1b9a", "#b85c00", "#00695c", "#37474f"];
    Chart.defaults.font.size = 14;
    Chart.defaults.color = "#1f2d3a";

    function draw(id, type, datasets, options, labels) {
        const canvas = document.getElementById(id);
        if (!canvas) {
            return;
        }

        return new Chart(canvas, {
            type: type,
            data: { labels: labels || data.labels, datasets: datasets },
            options: Object.assign({ responsive: true, spanGaps: false, animation: false, plugins: { legend: { display: datasets.length > 1 } } }, options || {}),
        });
    }

    draw("chart-held", "bar", [{ label: "Sessions held", data: data.sessionsHeld, backgroundColor: palette[0] }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
    draw("chart-attendance", "line", [{ label: "Attendance rate (%)", data: data.attendanceRate, borderColor: palette[0], backgroundColor: palette[0] }], { scales: { y: { min: 0, max: 100 } } });
    draw("chart-members", "bar", [{ label: "New members", data: data.newMembers, backgroundColor: palette[2] }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
    draw("chart-checkin", "line", data.checkInChange.map((s, i) => ({ label: s.label, data: s.data, borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length] })), { scales: { y: { min: -4, max: 4 } } });
    draw("chart-concerns", "bar", [{ label: "Concerns raised", data: data.concernsRaised, backgroundColor: palette[1] }], { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } });
    draw("chart-waitlist", "bar", [{ label: "People who waited for a seat", data: data.waitedPerGroup.data, backgroundColor: palette[4] }], { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }, data.waitedPerGroup.labels);
}());
