// The ledger's print button: the browser's own print dialog (A4 set by the stylesheet).
document.querySelectorAll("[data-print]").forEach(b => b.addEventListener("click", () => window.print()));
