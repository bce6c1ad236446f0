// Builds elements; strings become text nodes, so data never turns into markup.

const SVG = "http://www.w3.org/2000/svg";

export function el(tag, attrs = {}, ...children) {
  const node = attrs.svg ? document.createElementNS(SVG, tag) : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) if (name !== "svg") node.setAttribute(name, value);
  node.append(...children.filter((child) => child !== null));
  return node;
}

/** A person's own text, isolated so that right-to-left text cannot reorder what follows it. */
export const own = (text) => el("bdi", {}, text);
