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
    // fractions of the page (see cellBox in form.go), coloured as the
    // field stands (flagged, low confidence, or neither).
    document.querySelectorAll(".page .box").forEach(function (b) { b.hidden = true; });
    focusedBox = null;
    const box = parseBox(cell);
    if (box) {
      const fig = document.querySelector('.page[data-page="' + box[0] + '"]');
      if (fig) {
        const b = fig.querySelector(".box");
        place(b, box);
        b.classList.toggle("low", cell.classList.contains("low"));
        b.classList.toggle("flagged", cell.classList.contains("flagged") && !cell.classList.contains("low"));
        b.dataset.field = cell.dataset.field;
        b.hidden = false;
        focusedBox = b;
        showBox();
      }
    }
  }

  // parseBox returns a cell's data-box as [page, x, y, w, h], or null.
  function parseBox(cell) {
    const box = (cell.dataset.box || "").split(",").map(Number);
    if (box.length !== 5 || !box.every(function (n) { return !isNaN(n); })) return null;
    return box;
  }

  function place(el, box) {
    el.style.left = box[1] * 100 + "%";
    el.style.top = box[2] * 100 + "%";
    el.style.width = box[3] * 100 + "%";
    el.style.height = box[4] * 100 + "%";
  }

  // showBox scrolls the source pane so that the focused outline is in the
  // middle of it (once its page image has its size).
  let focusedBox = null;
  function showBox() {
    const b = focusedBox;
    if (!b) return;
    const img = b.parentElement.querySelector("img");
    // Scroll the source pane only (scrollIntoView would move the window
    // too): the outline's middle to the pane's middle.
    const pane = document.getElementById("source");
    const go = function () {
      if (focusedBox !== b || !pane) return;
      const br = b.getBoundingClientRect(), pr = pane.getBoundingClientRect();
      pane.scrollTop += (br.top + br.bottom) / 2 - (pr.top + pr.bottom) / 2;
      pane.scrollLeft += (br.left + br.right) / 2 - (pr.left + pr.right) / 2;
    };
    if (img.complete && img.naturalWidth) go();
    else { img.loading = "eager"; img.addEventListener("load", go, { once: true }); }
  }

  // Every flagged field is outlined on its page, so that a reviewer sees
  // the doubtful cells on the image itself: orange for low confidence, red
  // for other flags.
  function marks() {
    document.querySelectorAll(".page .mark").forEach(function (m) { m.remove(); });
    cells.forEach(function (cell) {
      if (!cell.classList.contains("flagged") && !cell.classList.contains("low")) return;
      const box = parseBox(cell);
      const fig = box && document.querySelector('.page[data-page="' + box[0] + '"] .sheet');
      if (!fig) return;
      const m = document.createElement("div");
      m.className = "mark " + (cell.classList.contains("low") ? "low" : "flagged");
      m.dataset.field = cell.dataset.field;
      place(m, box);
      fig.appendChild(m);
    });
  }

  // Zoom of the page images: "fit" (as wide as the pane) or a scale of
  // the images' own pixels (1 = 100%).
  let zoom = "fit";
  function scaleNow() {
    const img = document.querySelector(".page img");
    if (!img || !img.naturalWidth) return 1;
    return img.getBoundingClientRect().width / img.naturalWidth;
  }
  function setZoom(z) {
    zoom = z;
    document.querySelectorAll(".page .sheet").forEach(function (sheet) {
      const img = sheet.querySelector("img");
      const apply = function () {
        sheet.style.width = zoom === "fit" ? "100%" : Math.round(img.naturalWidth * zoom) + "px";
      };
      if (zoom === "fit" || img.naturalWidth) apply();
      else img.addEventListener("load", apply, { once: true });
    });
    const fit = document.getElementById("zoom-fit"), full = document.getElementById("zoom-100");
    if (fit) fit.setAttribute("aria-pressed", String(zoom === "fit"));
    if (full) full.setAttribute("aria-pressed", String(zoom === 1));
    const level = document.getElementById("zoom-level");
    if (level) level.textContent = zoom === "fit" ? "fit" : Math.round(zoom * 100) + "%";
    showBox();
  }
  function zoomBy(f) {
    setZoom(Math.min(4, Math.max(0.1, scaleNow() * f)));
  }
  const zoomButtons = { "zoom-in": function () { zoomBy(1.25); }, "zoom-out": function () { zoomBy(0.8); },
    "zoom-fit": function () { setZoom("fit"); }, "zoom-100": function () { setZoom(1); } };
  Object.keys(zoomButtons).forEach(function (id) {
    const b = document.getElementById(id);
    if (b) b.addEventListener("click", zoomButtons[id]);
  });
  const pages = document.getElementById("pages");
  if (pages) {
    pages.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey) return; // a plain wheel scrolls
      e.preventDefault();
      zoomBy(e.deltaY < 0 ? 1.25 : 0.8);
    }, { passive: false });
    document.addEventListener("keydown", function (e) {
      const t = e.target;
      if (t.matches && t.matches("input, textarea")) return; // + and − are text there
      if (e.key === "+" || e.key === "=") { e.preventDefault(); zoomBy(1.25); }
      if (e.key === "-" || e.key === "−") { e.preventDefault(); zoomBy(0.8); }
    });
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

  // nextFlagged focuses the next flagged field after cell, or, after the
  // last, the button that signs the form off: checking a form takes one
  // Enter per flag.
  function nextFlagged(cell) {
    for (let i = cells.indexOf(cell) + 1; i < cells.length; i++) {
      if (cells[i].classList.contains("flagged")) {
        cells[i].focus();
        if (cells[i].select) cells[i].select();
        return;
      }
    }
    const done = document.getElementById("mark-reviewed-next");
    if (done) done.focus();
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
    if (reply.corrected) {
      cell.title = "machine read: " + (reply.original === null ? "(empty)" : reply.original);
    }
    // The form's flags are derived again: a correction may resolve or
    // raise one on another field (a score that mends the total).
    cells.forEach(function (c) {
      const codes = (reply.fields || {})[c.dataset.field] || [];
      c.classList.toggle("flagged", codes.length > 0);
      c.classList.toggle("low", codes.indexOf("low_confidence") >= 0);
      badges(page.querySelector('[data-flags-for="' + CSS.escape(c.dataset.field) + '"]'), codes);
    });
    marks();
    Object.keys(reply.rows || {}).forEach(function (field) {
      badges(page.querySelector('[data-row-flags-for="' + CSS.escape(field) + '"]'), reply.rows[field]);
    });
    const valueField = reply.field.replace(/\.name$/, ".value");
    const target = page.querySelector('[data-target-for="' + CSS.escape(valueField) + '"]');
    if (target && reply.target) target.textContent = reply.target;
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
        if (readOnly || (await save(cell))) nextFlagged(cell);
      } else if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
        // Tab goes through the fields only (not the links between them);
        // the edit is saved on change, as for any blur.
        const i = cells.indexOf(cell) + (e.shiftKey ? -1 : 1);
        if (i >= 0 && i < cells.length) {
          e.preventDefault();
          move(cell, e.shiftKey ? -1 : 1);
        }
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

  marks();
  // Doubtful fields first: start on the first flagged or low-confidence one.
  const first = page.querySelector(".cell.flagged, .cell.low") || cells[0];
  if (first) first.focus();
})();
