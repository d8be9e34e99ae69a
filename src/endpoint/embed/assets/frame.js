// Runs in the embed page: tells the page that frames it how tall the widgets are, and no one else.
(() => {
  const parentWindow = window.parent;
  if (parentWindow === window) return;

  /** The framing page's origin: Chromium names it; elsewhere the referrer carries it (when it is sent). */
  function framingOrigin() {
    const ancestors = location.ancestorOrigins;
    if (ancestors && ancestors.length > 0 && ancestors[0] !== 'null') return ancestors[0];
    try {
      const origin = new URL(document.referrer).origin;
      return origin === 'null' || origin === location.origin ? undefined : origin;
    } catch {
      return undefined;
    }
  }

  let target = framingOrigin();
  let sent = 0;

  function post() {
    if (!target) return;
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    // To the framing page's origin only: a page that navigated the frame's parent elsewhere hears nothing.
    parentWindow.postMessage({ type: 'w4r:height', height }, target);
  }

  // embed.js says hello from the framing page, which tells its origin where the referrer did not.
  addEventListener('message', (event) => {
    if (event.source !== parentWindow || !event.data || event.data.type !== 'w4r:hello') return;
    target = event.origin;
    sent = 0;
    post();
  });

  new ResizeObserver(post).observe(document.documentElement);
})();
