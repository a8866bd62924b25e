// The hosted checkout page's script: starts the M-Pesa request, follows its status (polling with
// backoff), and speaks the @malipo/client/checkout postMessage protocol when embedded. The page
// works without it (the form posts and the page refreshes itself); this only makes it live.
(() => {
  const data = JSON.parse(document.getElementById('checkout-data').textContent);
  const text = data.text;
  const $ = (id) => document.getElementById(id);
  const phases = ['ready', 'waiting', 'paid', 'failed', 'review', 'expired'];
  const fill = (template, values) =>
    template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));

  // Messages go to the one origin the server checked against the session's allowed origins.
  const embedded = Boolean(data.parentOrigin) && window.parent !== window;
  const post = (message) => {
    if (!embedded) return;
    const full = Object.assign({ source: 'malipo-checkout', version: 1 }, message);
    window.parent.postMessage(full, data.parentOrigin);
  };
  const resize = () => post({ type: 'resize', height: document.documentElement.scrollHeight });

  let state = data.state;
  let timer;
  let delay = 0;
  let settled = false;

  function failureText(attempt) {
    if (!attempt) return text.failures.default;
    const key = attempt.status === 'FAILED' ? attempt.failure_code : attempt.status;
    return text.failures[key] || text.failures.default;
  }

  function schedule() {
    clearTimeout(timer);
    delay = delay ? Math.min(delay * 1.5, 5000) : 1000;
    timer = setTimeout(poll, delay);
  }

  async function poll() {
    try {
      const response = await fetch(data.statusUrl, {
        cache: 'no-store',
        headers: { accept: 'application/json' },
      });
      if (response.ok) return render(await response.json());
    } catch {
      // Offline for a moment: keep polling, a little slower each time.
    }
    schedule();
  }

  function render(next) {
    const changed = next.phase !== state.phase;
    state = next;
    for (const phase of phases) $(`panel-${phase}`).hidden = phase !== next.phase;
    const attempt = next.attempt;
    if (next.phase === 'waiting') {
      $('waiting-body').textContent = fill(text.waitingBody, {
        phone: attempt?.phone ? `+${attempt.phone}` : '',
        amount: data.amount,
      });
      if (changed) delay = 0;
      schedule();
    } else {
      clearTimeout(timer);
    }
    if (next.phase === 'failed') {
      $('failed-reason').textContent = failureText(attempt);
      $('failed-left').textContent =
        next.attempts_left > 0
          ? fill(text.attemptsLeft, { count: next.attempts_left })
          : text.noAttemptsLeft;
      $('retry').hidden = next.attempts_left <= 0;
      $('leave-failed').href =
        attempt && attempt.status === 'CANCELLED' ? data.urls.cancel : data.urls.failure;
    }
    if (next.phase === 'paid') {
      $('paid-body').textContent = fill(text.paidBody, { receipt: attempt?.receipt || '' });
      if (!settled) {
        settled = true;
        post({
          type: 'success',
          session_id: data.sessionId,
          payment_id: attempt.payment_id,
          status: 'COMPLETED',
        });
        if (!embedded) setTimeout(() => window.location.replace(data.urls.success), 1500);
      }
    }
    if (changed) {
      const heading = document.querySelector(`#panel-${next.phase} h2`);
      if (heading) heading.focus();
    }
    resize();
  }

  function showFieldError(message) {
    const input = $('phone');
    $('phone-error').textContent = message;
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message) input.focus();
  }

  // The same forms the API accepts: 07…, 01…, 7…, 1…, 2547…, 2541…, +254…
  const phonePattern = /^(?:\+?254|0)?[17]\d{8}$/;

  async function pay(event) {
    event.preventDefault();
    const phone = $('phone').value.replace(/[\s-]/g, '');
    if (!phonePattern.test(phone)) return showFieldError(text.phoneInvalid);
    showFieldError('');
    const button = $('pay-button');
    button.disabled = true;
    button.textContent = text.sending;
    try {
      const response = await fetch(data.attemptsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ phone_number: phone }),
      });
      const body = await response.json();
      if (response.ok) return render(body);
      if (body.error && body.error.field === 'phone_number') showFieldError(body.error.message);
      else if (body.state) render(body.state);
      else showFieldError(body.error ? body.error.message : text.offline);
    } catch {
      showFieldError(text.offline);
    } finally {
      button.disabled = false;
      button.textContent = data.payLabel;
    }
  }

  // Embedded, leaving means telling the merchant's page how it ended, then closing.
  function leave(event, code, message) {
    if (!embedded) return;
    event.preventDefault();
    if (!settled) {
      settled = true;
      post({
        type: 'failure',
        session_id: data.sessionId,
        payment_id: state.attempt ? state.attempt.payment_id : null,
        code,
        message,
      });
    }
    post({ type: 'close' });
  }

  $('pay-form').addEventListener('submit', pay);
  $('retry').addEventListener('click', (event) => {
    event.preventDefault();
    render(Object.assign({}, state, { phase: 'ready' }));
    $('phone').focus();
  });
  $('cancel').addEventListener('click', (event) =>
    leave(event, 'CANCELLED', text.failures.CANCELLED),
  );
  $('leave-failed').addEventListener('click', (event) => {
    const attempt = state.attempt;
    const code = attempt
      ? (attempt.status === 'FAILED' && attempt.failure_code) || attempt.status
      : 'CANCELLED';
    leave(event, code, failureText(attempt));
  });
  $('leave-expired').addEventListener('click', (event) =>
    leave(event, 'EXPIRED', text.expiredTitle),
  );
  $('close-paid').addEventListener('click', (event) => {
    if (!embedded) return;
    event.preventDefault();
    post({ type: 'close' });
  });
  $('close-paid').hidden = !embedded;
  $('continue-paid').hidden = embedded;

  window.addEventListener('message', (event) => {
    if (!embedded || event.origin !== data.parentOrigin || event.source !== window.parent) return;
    const message = event.data;
    if (message?.source !== 'malipo-checkout' || message.version !== 1) return;
    if (message.type === 'close') clearTimeout(timer);
  });

  post({ type: 'ready' });
  render(state);
})();
