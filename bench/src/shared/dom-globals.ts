/**
 * A jsdom page as the global environment, for React DOM and both `useChat`
 * hooks. Imported first by the React figure: React DOM decides at load time
 * whether a DOM exists, so it must be imported (dynamically) after this ran.
 * `pretendToBeVisual` gives a 60 Hz `requestAnimationFrame`, as a visible tab has.
 */
import { JSDOM } from "jsdom";

const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>', {
  pretendToBeVisual: true,
  url: "http://127.0.0.1/",
});
const { window } = dom;

const globals: Record<string, unknown> = {
  window,
  document: window.document,
  navigator: window.navigator,
  requestAnimationFrame: window.requestAnimationFrame.bind(window),
  cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  HTMLElement: window.HTMLElement,
  HTMLIFrameElement: window.HTMLIFrameElement,
  Element: window.Element,
  Node: window.Node,
  Text: window.Text,
  getComputedStyle: window.getComputedStyle.bind(window),
};
for (const [name, value] of Object.entries(globals)) {
  Object.defineProperty(globalThis, name, { value, configurable: true, writable: true });
}

/** The page's root element. */
export const root = window.document.getElementById("root") as HTMLElement;
