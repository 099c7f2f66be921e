/* Searchable pickers for the long code lists of the DAE form (issue 12: CN code, kind of
   packages, document type, member state). Each select of a group marked data-combobox
   (templates/gamma/prepare/_field.html) becomes a text input with role=combobox and a listbox
   of the options whose code or French label contains what is typed, accents and case ignored
   (ARIA Authoring Practices, « combobox with list autocomplete »). The select stays in the form,
   hidden, and carries the value: without this script it is shown and works as it is.
   Keys: down/up move in the list (down opens it), enter chooses, escape closes then clears. */
(function () {
  "use strict";
  var SHOWN = 100; // options drawn at most; the live region says how many match

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function setUp(group, number) {
    var select = group.querySelector("select");
    var label = select && group.querySelector("label[for='" + select.id + "']");
    if (!label) {
      return;
    }
    var options = Array.prototype.slice.call(select.options)
      .filter(function (option) { return option.value !== ""; })
      .map(function (option) { return { value: option.value, text: option.text, folded: fold(option.text) }; });
    var id = select.id + "-combobox";
    var wrapper = document.createElement("div");
    wrapper.className = "gamma-combobox";
    var input = document.createElement("input");
    input.type = "text";
    input.id = id;
    input.className = "fr-input" + (select.classList.contains("fr-select--error") ? " fr-input--error" : "");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "-listbox");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("spellcheck", "false");
    var hint = document.createElement("p");
    hint.className = "fr-hint-text fr-mb-1v";
    hint.id = id + "-how";
    hint.textContent = "Saisissez un code ou des mots du libellé, puis choisissez dans la liste (flèches haut et bas, Entrée).";
    var described = [hint.id].concat((select.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean));
    input.setAttribute("aria-describedby", described.join(" "));
    var listbox = document.createElement("ul");
    listbox.id = id + "-listbox";
    listbox.className = "gamma-combobox__list";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", label.firstChild ? label.firstChild.textContent.trim() : select.name);
    listbox.hidden = true;
    var status = document.createElement("p");
    status.className = "fr-sr-only";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(hint);
    wrapper.appendChild(input);
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);
    select.parentNode.insertBefore(wrapper, select);
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    label.htmlFor = id;

    var shown = [];
    var active = -1;

    function chosenText() {
      var option = select.options[select.selectedIndex];
      return option && option.value ? option.text : "";
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = listbox.children;
      if (active >= 0 && items[active]) {
        items[active].classList.remove("gamma-combobox__option--active");
      }
      active = index;
      if (index >= 0 && items[index]) {
        items[index].classList.add("gamma-combobox__option--active");
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function open(query) {
      var words = fold(query).split(" ").filter(Boolean);
      var matching = options.filter(function (option) {
        return words.every(function (word) { return option.folded.indexOf(word) !== -1; });
      });
      // The closest first: the code or label typed whole, then those starting with it, then a
      // word of the label starting with it, then the rest — each group in the list's own order.
      var whole = words.join(" ");
      function rank(option) {
        var code = fold(option.value);
        var label = option.folded.indexOf(" — ") !== -1 ? option.folded.split(" — ").slice(1).join(" — ") : option.folded;
        if (whole === code || whole === label) { return 0; }
        if (code.indexOf(whole) === 0 || label.indexOf(whole) === 0) { return 1; }
        if ((" " + label).indexOf(" " + words[0]) !== -1) { return 2; }
        return 3;
      }
      matching = matching
        .map(function (option, index) { return { option: option, rank: rank(option), index: index }; })
        .sort(function (a, b) { return a.rank - b.rank || a.index - b.index; })
        .map(function (entry) { return entry.option; });
      shown = matching.slice(0, SHOWN);
      listbox.textContent = "";
      shown.forEach(function (option, index) {
        var item = document.createElement("li");
        item.id = id + "-option-" + index;
        item.className = "gamma-combobox__option";
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", option.value === select.value ? "true" : "false");
        item.textContent = option.text;
        item.addEventListener("mousedown", function (event) { event.preventDefault(); });
        item.addEventListener("click", function () { choose(index); });
        listbox.appendChild(item);
      });
      listbox.hidden = shown.length === 0;
      input.setAttribute("aria-expanded", shown.length ? "true" : "false");
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var count = matching.length;
      var text = count === 0 ? "Aucun résultat." : count === 1 ? "1 résultat." : count + " résultats.";
      if (count > shown.length) {
        text += " Les " + shown.length + " premiers sont affichés : précisez votre saisie.";
      }
      status.textContent = text;
    }

    function choose(index) {
      var option = shown[index];
      if (!option) {
        return;
      }
      select.value = option.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
      input.value = option.text;
      close();
      status.textContent = "Choisi : " + option.text + ".";
    }

    // A link to the field (the error summary's, « Choisir »'s redirect) leads to the picker.
    function followLink() {
      if (window.location.hash === "#" + select.id) {
        input.focus();
      }
    }
    window.addEventListener("hashchange", followLink);
    followLink();

    input.value = chosenText();
    input.addEventListener("input", function () {
      if (!input.value.trim()) {
        select.value = "";
      }
      open(input.value);
    });
    input.addEventListener("keydown", function (event) {
      var expanded = !listbox.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!expanded) {
          open(input.value === chosenText() ? "" : input.value);
          highlight(0);
        } else {
          highlight(Math.min(active + 1, shown.length - 1));
        }
      } else if (event.key === "ArrowUp") {
        if (expanded) {
          event.preventDefault();
          highlight(Math.max(active - 1, 0));
        }
      } else if (event.key === "Enter") {
        if (expanded && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape") {
        if (expanded) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
          select.value = "";
          status.textContent = "Choix effacé.";
        }
      }
    });
    input.addEventListener("blur", function () {
      close();
      if (!input.value.trim()) {
        select.value = "";
      }
      input.value = chosenText();
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-combobox]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
