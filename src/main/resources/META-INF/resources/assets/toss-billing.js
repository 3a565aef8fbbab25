// Opens Toss Payments' card registration window for a membership checkout. Toss sends the reader
// back to the success address with an authKey (Gazette then issues the billing key and charges the
// first period) or to the fail address with a code and message.
(function () {
  var box = document.getElementById('toss-billing');
  var button = document.getElementById('toss-button');
  if (!box || !button) {
    return;
  }
  button.addEventListener('click', function () {
    if (typeof TossPayments !== 'function') {
      window.location.href = box.dataset.failUrl + '?code=SCRIPT_NOT_LOADED';
      return;
    }
    var origin = window.location.origin;
    var payment = TossPayments(box.dataset.clientKey).payment({ customerKey: box.dataset.customerKey });
    payment.requestBillingAuth({
      method: 'CARD',
      successUrl: origin + box.dataset.successUrl,
      failUrl: origin + box.dataset.failUrl
    }).catch(function (error) {
      window.location.href = origin + box.dataset.failUrl + '?code=' + encodeURIComponent(error.code || 'ERROR')
        + '&message=' + encodeURIComponent(error.message || '');
    });
  });
})();
