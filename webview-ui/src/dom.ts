/** Element creation for the panel's own chrome. Text goes in with textContent, never as markup. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Whether the panel may show codicons: the host linked their stylesheet (renderPanelHtml). */
export function hasCodicons(): boolean {
  return document.getElementById('vscode-codicon-stylesheet') !== null;
}
