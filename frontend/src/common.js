// Shared helpers of the dashboard pages: labels from the page, the API with the analyst's key.

export function labels() {
  const node = document.getElementById("labels");
  return node ? JSON.parse(node.textContent) : {};
}

export function pageQuery() {
  // The filters of the current view, as the server rendered them into the page.
  const main = document.querySelector("main");
  return (main && main.dataset.query) || "";
}

export async function api(path, options = {}) {
  const init = { credentials: "same-origin", headers: { Accept: "application/json" }, ...options };
  if (options.body && typeof options.body !== "string") {
    init.body = JSON.stringify(options.body);
    init.headers = { ...init.headers, "Content-Type": "application/json" };
  }
  const response = await fetch(path, init);
  const data = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
  if (!response.ok) {
    const detail = data && data.detail ? data.detail : response.statusText;
    throw new Error(typeof detail === "string" ? detail : JSON.stringify(detail));
  }
  return data;
}

export function text(node, value) {
  // Every value from the data goes into the page as text, never as HTML.
  node.textContent = value == null ? "" : String(value);
  return node;
}

export function element(tag, attrs = {}, content = null) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (content != null) text(node, content);
  return node;
}
