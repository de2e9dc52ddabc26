// Accessibility fixes to Dash 4's own components, where no property of theirs can make them
// (no dcc component of Dash 4.4 takes an aria-* property; asked for in plotly/dash#2782). Each
// fix says what is wrong; the page's layout (dashboard/components/controls.py) gives the words
// and ids they need. They run on every change of the page (Dash draws and redraws components
// at any time) and only set what differs, so they settle after one pass.
(function () {
  "use strict";

  function set(node, name, value) {
    if (value === null) {
      if (node.hasAttribute(name)) { node.removeAttribute(name); }
    } else if (node.getAttribute(name) !== value) {
      node.setAttribute(name, value);
    }
  }

  function labelOf(control) {
    const label = control.id && document.getElementById(control.id + "-label");
    return label ? label.id : null;
  }

  // dcc.RadioItems and dcc.Checklist are drawn as role="listbox" whose role="option" labels
  // each hold a native radio or checkbox: interactive controls nested in options (axe
  // nested-interactive), in a listbox without a name (aria-input-field-name). The native
  // inputs are what keyboards and screen readers use, so the wrapper becomes what they are in
  // (a radio group, a group of checkboxes) named by the control's label, and the labels lose
  // the option role.
  function fixOptionLists() {
    // (Only those: a dropdown's open list is a listbox of options, rightly.)
    const lists = ".dash-options-list.dash-radioitems, .dash-options-list.dash-checklist";
    document.querySelectorAll(lists).forEach(function (list) {
      set(list, "role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
      set(list, "aria-labelledby", labelOf(list));
      list.querySelectorAll(".dash-options-list-option").forEach(function (option) {
        set(option, "role", null);
        set(option, "aria-selected", null);
      });
    });
  }

  // dcc.Dropdown puts an invisible <input aria-hidden="true" tabindex="0"> before its button
  // (tabindex="-1") and hands focus on to the button: a focusable element hidden from screen
  // readers (axe aria-hidden-focus; see also plotly/dash#3673 on tabbing to dropdowns). The
  // button itself takes the focus instead. Its name is its value and count (aria-labelledby
  // two spans, without the control's label), and what it shows of a long value is cut off
  // (axe label-content-name-mismatch: the visible text must be in the name, in order): it is
  // named instead by its label followed by the values it shows and their count.
  function fixDropdowns() {
    document.querySelectorAll(".dash-dropdown-focus-target").forEach(function (proxy) {
      const button = proxy.nextElementSibling;
      if (!button || !button.classList.contains("dash-dropdown")) { return; }
      set(proxy, "tabindex", "-1");
      if (!button.disabled) { set(button, "tabindex", "0"); }
      const label = document.getElementById(labelOf(button) || "");
      if (!label) { return; }
      // Every chosen value is shown (dashboard.css lets them wrap instead of cutting them
      // off), so the name can hold them all, in the order shown.
      const values = button.querySelectorAll(".dash-dropdown-value-item");
      const parts = values.length
        ? Array.prototype.map.call(values, function (item) { return item.textContent; })
        : [(button.querySelector(".dash-dropdown-value") || {}).textContent || ""];
      const count = button.querySelector(".dash-dropdown-value-count");
      if (count) { parts.push(count.textContent); }
      const shown = parts.filter(Boolean).join(", ");
      set(button, "aria-labelledby", null);
      set(button, "aria-label", (label.textContent + " " + shown).trim());
      // The clear cross inside the button is for the mouse only (no focus; the keyboard
      // clears with Delete or Backspace), and its words would count as text the button shows.
      button.querySelectorAll(".dash-dropdown-clear").forEach(function (cross) {
        set(cross, "aria-hidden", "true");
      });
    });
  }

  // dcc.Slider and dcc.RangeSlider: a single handle has no name, two are named "Minimum" and
  // "Maximum" in English, and the boxes to type a value in have none (axe label). The layout
  // gives the names in the page's language in data-thumb-labels.
  function fixSliders() {
    document.querySelectorAll("[data-thumb-labels]").forEach(function (group) {
      let names;
      try { names = JSON.parse(group.getAttribute("data-thumb-labels")); } catch (e) { return; }
      group.querySelectorAll('[role="slider"]').forEach(function (thumb, i) {
        if (names[i]) { set(thumb, "aria-label", names[i]); }
      });
      const boxes = group.querySelectorAll("input.dash-range-slider-input");
      boxes.forEach(function (box, i) {
        // One box (a single handle) is the handle's; two are the first and last handles'.
        const name = names[boxes.length === 1 ? 0 : i];
        if (name) { set(box, "aria-label", name); }
      });
    });
  }

  // dcc.Upload's file input has no label: the layout gives its words in data-input-label.
  function fixFileInputs() {
    document.querySelectorAll("[data-input-label]").forEach(function (holder) {
      holder.querySelectorAll('input[type="file"]').forEach(function (input) {
        set(input, "aria-label", holder.getAttribute("data-input-label"));
      });
    });
  }

  function fixAll() {
    fixOptionLists();
    fixDropdowns();
    fixSliders();
    fixFileInputs();
  }

  let scheduled = false;
  function schedule() {
    if (scheduled) { return; }
    scheduled = true;
    // Before the next frame is drawn (and before a test or a reader can see the page).
    window.queueMicrotask(function () { scheduled = false; fixAll(); });
  }
  new MutationObserver(schedule).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: [
      "tabindex", "role", "aria-labelledby", "aria-label", "aria-selected", "aria-hidden",
    ],
  });
  fixAll();
  window.medflowsAccessibility = {fixAll: fixAll};
})();
