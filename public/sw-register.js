/* PropertyPro: service worker registration, update toast and offline banner.
 * Loaded with <script src="/sw-register.js" defer>. No inline styles: the
 * classes .update-toast and .offline-banner are styled in main.css. */
(function () {
  'use strict';

  var TEXT = {
    updateAvailable: 'A new version of PropertyPro is available.',
    reload: 'Reload',
    offline: 'You are offline. Showing what was saved on this device.'
  };

  /* Offline banner ------------------------------------------------------ */

  var offlineBanner = null;

  function setOffline(isOffline) {
    if (!offlineBanner) {
      if (!isOffline) return;
      offlineBanner = document.createElement('div');
      offlineBanner.className = 'offline-banner';
      offlineBanner.setAttribute('role', 'status');
      offlineBanner.textContent = TEXT.offline;
      document.body.appendChild(offlineBanner);
    }
    offlineBanner.hidden = !isOffline;
    document.documentElement.classList.toggle('is-offline', isOffline);
  }

  window.addEventListener('online', function () { setOffline(false); });
  window.addEventListener('offline', function () { setOffline(true); });
  if (navigator.onLine === false) setOffline(true);

  /* Service worker & update toast --------------------------------------- */

  if (!('serviceWorker' in navigator)) return;

  var toast = null;
  var reloading = false;
  var userAskedReload = false;

  function showUpdateToast(worker) {
    if (!worker) return;
    if (!toast) {
      toast = document.createElement('div');
      toast.className = 'update-toast';
      toast.setAttribute('role', 'status');
      var message = document.createElement('span');
      message.textContent = TEXT.updateAvailable;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-small btn-primary';
      button.textContent = TEXT.reload;
      toast.appendChild(message);
      toast.appendChild(button);
      document.body.appendChild(toast);
    }
    var btn = toast.querySelector('button');
    btn.onclick = function () {
      userAskedReload = true;
      btn.disabled = true;
      worker.postMessage({ type: 'SKIP_WAITING' });
    };
    toast.hidden = false;
  }

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    // The first install also changes the controller (clients.claim); only
    // reload when the user asked for the new version, and only once.
    if (!userAskedReload || reloading) return;
    reloading = true;
    window.location.reload();
  });

  function register() {
    navigator.serviceWorker
      .register('/sw.js', { scope: '/' })
      .then(function (reg) {
        if (reg.waiting && navigator.serviceWorker.controller) showUpdateToast(reg.waiting);
        reg.addEventListener('updatefound', function () {
          var worker = reg.installing;
          if (!worker) return;
          worker.addEventListener('statechange', function () {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdateToast(worker);
          });
        });
        // Look for a new version when the app comes back to the foreground.
        document.addEventListener('visibilitychange', function () {
          if (document.visibilityState === 'visible') reg.update().catch(function () {});
        });
      })
      .catch(function () { /* no service worker: the app still works online */ });
  }

  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);
})();
