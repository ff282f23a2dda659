// Building DOM nodes safely: every string becomes a text node or an attribute value, never
// markup. Applicant-provided data (names, e-mails, resumes) goes through here only — the UI
// never assigns innerHTML.

// el creates an element: el('a', {href: '#/queue', class: 'x'}, 'text', childNode, ...).
// Attribute values are set with setAttribute (an href is checked by safeHref); `on*` keys add
// event listeners; null/undefined/false children are skipped; arrays are flattened.
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'href') {
      node.setAttribute('href', safeHref(String(value)));
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  appendAll(node, children);
  return node;
}

// append adds children to `node` as el does (strings as text; null, undefined and false skipped).
export function append(node, ...children) {
  appendAll(node, children);
  return node;
}

function appendAll(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendAll(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
}

// safeHref lets through the UI's own routes and same-origin paths only (never javascript:).
export function safeHref(href) {
  return href.startsWith('#/') || (href.startsWith('/') && !href.startsWith('//')) ? href : '#/queue';
}

// clear removes every child of `node`.
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

// route builds a hash route with each part URI-encoded: route('application', id).
export function route(...parts) {
  return '#/' + parts.map((part) => encodeURIComponent(part)).join('/');
}

// levelBadge shows a risk level as a coloured label (text, not only colour).
export function levelBadge(level) {
  return el('span', { class: `level level-${['low', 'medium', 'high', 'critical'].includes(level) ? level : 'low'}` }, level);
}
