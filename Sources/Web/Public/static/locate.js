// 签到: the phone's position goes with the check-in when the officer allows it. Without it
// (refused, no fix within 5 s, an old phone) the check-in is sent anyway.
document.querySelectorAll("form.locate").forEach(form => form.addEventListener("submit", event => {
  if (form.dataset.located || !navigator.geolocation) return;
  event.preventDefault();
  const send = () => { form.dataset.located = "1"; form.requestSubmit ? form.requestSubmit() : form.submit(); };
  navigator.geolocation.getCurrentPosition(p => {
    form.elements.latitude.value = p.coords.latitude.toFixed(6);
    form.elements.longitude.value = p.coords.longitude.toFixed(6);
    send();
  }, send, { timeout: 5000, maximumAge: 60000 });
}));
