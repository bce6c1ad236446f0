// "Copy link" buttons for the cells on the area pages and in the matrix.
//
// Every link marked data-amm-copy (its value names the cell) gets a button after it that
// copies the address of the cell's own page: data-amm-copy-href, else the link's own
// href. That page, unlike a #level-N anchor, previews as the cell in a chat. The result is
// said next to the button, in a status region that screen readers announce. Where the
// clipboard is out of reach (an insecure origin, a refused permission) it shows the
// address to copy by hand instead. The interface strings come from the script element,
// which the templates fill in the page's language.

export function cellAddress(link, base) {
  return new URL(link.dataset.ammCopyHref || link.getAttribute("href"), base).href;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function addButton(link, strings) {
  const address = cellAddress(link, document.baseURI);
  const button = document.createElement("button");
  button.type = "button";
  button.className = "amm-copy";
  button.textContent = strings.copy;
  // Starts with the visible text, so speech users can say what they see (WCAG 2.5.3).
  button.setAttribute("aria-label", `${strings.copy}: ${strings.copyTo} ${link.dataset.ammCopy}`);
  const status = document.createElement("span");
  status.className = "amm-copy__status";
  status.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    status.textContent = (await copy(address))
      ? strings.copied
      : `${strings.copyThis} ${address}`;
  });
  link.after(" ", button, status);
}

const script = document.getElementById("amm-cell-links");
if (script) {
  for (const link of document.querySelectorAll("a[data-amm-copy]")) {
    addButton(link, script.dataset);
  }
}
