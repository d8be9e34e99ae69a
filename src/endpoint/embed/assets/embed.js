// For a page that frames w4r embeds: sizes each frame to its content. Add it once per endpoint:
// <script src="https://actions.example.org/embed.js" async></script>
(() => {
  const script = document.currentScript;
  if (!script || !script.src) return;
  const endpoint = new URL(script.src).origin;
  const loaded = (window.w4rEmbedEndpoints = window.w4rEmbedEndpoints || []);
  if (loaded.includes(endpoint)) return;
  loaded.push(endpoint);

  const MAX_HEIGHT = 20000;

  function isEmbed(frame) {
    try {
      const url = new URL(frame.src, location.href);
      return url.origin === endpoint && url.pathname.startsWith('/embed/');
    } catch {
      return false;
    }
  }

  const frames = () => [...document.querySelectorAll('iframe')].filter(isEmbed);

  addEventListener('message', (event) => {
    // Only this endpoint's pages, and only the frame that sent it, may resize a frame.
    if (event.origin !== endpoint) return;
    const data = event.data;
    if (!data || data.type !== 'w4r:height' || typeof data.height !== 'number') return;
    if (!Number.isFinite(data.height) || data.height < 0) return;
    const frame = frames().find((candidate) => candidate.contentWindow === event.source);
    if (!frame) return;
    frame.style.height = `${Math.min(Math.round(data.height), MAX_HEIGHT)}px`;
    frame.setAttribute('scrolling', 'no');
  });

  const greeted = new WeakSet();
  function greet(frame) {
    if (greeted.has(frame)) return;
    greeted.add(frame);
    // The frame may still be loading (the hello is then dropped) or load again: greet it each time.
    const hello = () => frame.contentWindow?.postMessage({ type: 'w4r:hello' }, endpoint);
    frame.addEventListener('load', hello);
    hello();
  }

  frames().forEach(greet);
  new MutationObserver(() => frames().forEach(greet)).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
