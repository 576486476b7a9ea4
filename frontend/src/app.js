// Every page: the language toggle, evidence highlighting focus, review and watchlist forms.
import { api, labels } from "./common.js";

function languageToggle() {
  for (const link of document.querySelectorAll("[data-lang]")) {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      document.cookie = `lang=${link.dataset.lang}; path=/; max-age=31536000; samesite=strict`;
      window.location.reload();
    });
  }
}

function evidenceFocus() {
  // Clicking a coded field scrolls to its evidence in the article and makes it blink.
  for (const row of document.querySelectorAll("[data-field]")) {
    row.addEventListener("click", () => {
      const marks = document.querySelectorAll(`mark[data-fields~="${row.dataset.field}"]`);
      if (!marks.length) return;
      marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
      for (const mark of marks) {
        mark.classList.remove("flash");
        void mark.offsetWidth;
        mark.classList.add("flash");
      }
    });
  }
}

function showStatus(form, message, ok) {
  const status = form.querySelector(".status");
  if (!status) return;
  status.textContent = message;
  status.className = `status ${ok ? "ok" : "error"}`;
}

function formBody(form) {
  const body = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (value !== "") body[key] = value;
  }
  return body;
}

function jsonForms() {
  // Forms marked data-api send their fields as JSON to the API and reload on success.
  const words = labels();
  for (const form of document.querySelectorAll("form[data-api]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const submitter = event.submitter;
      const body = formBody(form);
      if (submitter && submitter.name) body[submitter.name] = submitter.value;
      try {
        await api(form.dataset.api, { method: form.dataset.method || "POST", body });
        showStatus(form, words.saved || "saved", true);
        if (form.dataset.next) window.location.href = form.dataset.next;
        else if (form.dataset.reload !== "no") window.setTimeout(() => window.location.reload(), 300);
      } catch (error) {
        showStatus(form, `${words.error || "error"}: ${error.message}`, false);
      }
    });
  }
}

function correctionFields() {
  // The correction form shows the value input that fits the chosen field.
  for (const select of document.querySelectorAll("select[name=field]")) {
    const form = select.form;
    const sync = () => {
      const current = form.querySelector(`[data-current="${select.value}"]`);
      const input = form.querySelector("[name=value]");
      if (current && input && !input.dataset.touched) input.value = current.dataset.value || "";
    };
    select.addEventListener("change", sync);
    form.querySelector("[name=value]")?.addEventListener("input", (e) => { e.target.dataset.touched = "1"; });
    sync();
  }
}

function cleanFilterForms() {
  // GET filter forms leave their empty fields out of the address.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.querySelectorAll("input, select")) {
        if (field.name && field.value === "") field.disabled = true;
      }
    });
  }
}

languageToggle();
cleanFilterForms();
evidenceFocus();
jsonForms();
correctionFields();
