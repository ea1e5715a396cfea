// jixiao review workbench: keyboard editing of the record, in place.
// No inline scripts anywhere (the Content-Security-Policy forbids them).
"use strict";

(function () {
  const page = document.querySelector(".form-page");
  const token = document.querySelector('meta[name="csrf-token"]').content;
  const readOnly = document.body.classList.contains("read-only");

  document.addEventListener("keydown", function (e) {
    if (e.altKey && (e.key === "n" || e.key === "N")) {
      e.preventDefault();
      const next = document.getElementById("next-open");
      if (next) location.href = next.href;
    }
  });
  if (!page) return;

  const formID = page.dataset.formId;
  const cells = Array.from(page.querySelectorAll(".cell"));
  const status = document.getElementById("save-status");

  function say(msg, bad) {
    status.textContent = msg;
    status.classList.toggle("error", !!bad);
  }

  function highlight(cell) {
    document.querySelectorAll(".lines tr.hl").forEach(function (tr) { tr.classList.remove("hl"); });
    const line = cell.dataset.line;
    if (line) {
      const tr = document.getElementById("L" + line);
      if (tr) {
        tr.classList.add("hl");
        tr.scrollIntoView({ block: "nearest" });
      }
    }
    // Outline the cell on its page image: data-box is "page,x,y,w,h" in
    // fractions of the page (see cellBox in form.go; empty until the
    // pipeline stores cell geometry).
    document.querySelectorAll(".page .box").forEach(function (b) { b.hidden = true; });
    const box = (cell.dataset.box || "").split(",").map(Number);
    if (box.length === 5 && box.every(function (n) { return !isNaN(n); })) {
      const fig = document.querySelector('.page[data-page="' + box[0] + '"]');
      if (fig) {
        const b = fig.querySelector(".box");
        b.style.left = box[1] * 100 + "%";
        b.style.top = box[2] * 100 + "%";
        b.style.width = box[3] * 100 + "%";
        b.style.height = box[4] * 100 + "%";
        b.hidden = false;
        b.scrollIntoView({ block: "nearest" });
      }
    }
  }

  function badges(el, codes) {
    if (!el) return;
    el.textContent = "";
    codes.forEach(function (c) {
      const s = document.createElement("span");
      s.className = "badge";
      s.textContent = c;
      el.appendChild(s);
    });
  }

  function move(cell, by) {
    const i = cells.indexOf(cell) + by;
    if (i >= 0 && i < cells.length) {
      cells[i].focus();
      if (cells[i].select) cells[i].select();
    }
  }

  async function save(cell) {
    const value = cell.value.trim();
    if (value === cell.dataset.base) return true;
    const body = new URLSearchParams({ field: cell.dataset.field, value: value, base: cell.dataset.base });
    say("saving…");
    let res, reply;
    try {
      res = await fetch("/forms/" + formID + "/corrections", {
        method: "POST",
        headers: { "X-CSRF-Token": token, "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
        credentials: "same-origin",
      });
      reply = await res.json();
    } catch (err) {
      say("not saved: " + err, true);
      return false;
    }
    if (!res.ok && res.status !== 409) {
      say("not saved: " + (reply.error || res.status), true);
      return false;
    }
    cell.value = reply.value;
    cell.dataset.base = reply.value;
    cell.classList.toggle("corrected", reply.corrected);
    cell.classList.toggle("flagged", reply.field_flags.length > 0);
    if (reply.corrected) {
      cell.title = "machine read: " + (reply.original === null ? "(empty)" : reply.original);
    }
    badges(page.querySelector('[data-flags-for="' + CSS.escape(reply.field) + '"]'), reply.field_flags);
    const valueField = reply.field.replace(/\.name$/, ".value");
    const target = page.querySelector('[data-target-for="' + CSS.escape(valueField) + '"]');
    if (target && reply.target) target.textContent = reply.target;
    badges(page.querySelector('[data-row-flags-for="' + CSS.escape(valueField) + '"]'), reply.row_flags);
    const count = document.getElementById("flag-count");
    if (count) count.textContent = reply.flags;
    if (res.status === 409) {
      say(reply.error, true);
      return false;
    }
    say(reply.changed ? "saved " + reply.field : "unchanged");
    cell.dispatchEvent(new CustomEvent("jixiao:saved", { bubbles: true, detail: reply }));
    return true;
  }

  cells.forEach(function (cell) {
    if (readOnly) cell.readOnly = true;
    cell.addEventListener("focus", function () { highlight(cell); });
    cell.addEventListener("keydown", async function (e) {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        if (!readOnly && (await save(cell))) {
          const next = document.getElementById("mark-reviewed-next");
          if (next) next.click();
        }
      } else if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        if (readOnly || (await save(cell))) move(cell, 1);
      } else if (e.key === "Escape") {
        cell.value = cell.dataset.base;
        say("edit undone");
      }
    });
    cell.addEventListener("change", function () {
      if (!readOnly) save(cell);
    });
  });

  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && !e.target.classList.contains("cell")) {
      const next = document.getElementById("mark-reviewed-next");
      if (next) { e.preventDefault(); next.click(); }
    }
  });

  // Signing off saves the edits not yet saved first.
  const reviewForm = document.getElementById("review-form");
  if (reviewForm) {
    reviewForm.addEventListener("submit", async function (e) {
      const dirty = cells.filter(function (c) { return c.value.trim() !== c.dataset.base; });
      if (!dirty.length) return;
      e.preventDefault();
      for (const c of dirty) {
        if (!(await save(c))) return;
      }
      reviewForm.requestSubmit(e.submitter);
    });
  }

  page.querySelectorAll(".focus-link").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      const c = page.querySelector('.cell[data-field="' + CSS.escape(a.dataset.focus) + '"]');
      if (c) c.focus();
    });
  });

  // Doubtful fields first: start on the first flagged or low-confidence one.
  const first = page.querySelector(".cell.flagged, .cell.low") || cells[0];
  if (first) first.focus();
})();
