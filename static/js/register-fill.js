/* « Compléter depuis le registre » as the number is typed (issue 12; www/gamma/register_fill.py).
   On change or leaving the excise number of a consignee or place of delivery, asks the portal
   what the register publishes for it and fills the name and address inputs still empty: what the
   user typed is never replaced (the button beside the number does that, on request). The outcome
   is said in the group's live region. Without this script the button does the same by posting. */
(function () {
  "use strict";
  var FIELDS = { name: "trader_name", street: "street_name", postcode: "postcode", city: "city" };

  function setUp(box) {
    var role = box.getAttribute("data-role");
    var input = document.getElementById("id_" + role + "-traderid");
    var status = box.querySelector("[role='status']");
    if (!input || !status) {
      return;
    }
    var asked = "";

    function say(text) {
      status.textContent = text;
    }

    function fill(answer) {
      var filled = 0;
      var kept = 0;
      Object.keys(FIELDS).forEach(function (key) {
        var target = document.getElementById("id_" + role + "-" + FIELDS[key]);
        var value = answer[key] || "";
        if (!target || !value) {
          return;
        }
        if (target.value.trim()) {
          if (target.value.trim() !== value) {
            kept += 1;
          }
          return;
        }
        target.value = value.slice(0, target.maxLength > 0 ? target.maxLength : value.length);
        filled += 1;
      });
      var text = filled
        ? "Nom et adresse repris du registre pour " + answer.number + " : vérifiez-les, puis enregistrez."
        : "Rien à compléter : le nom et l'adresse sont déjà saisis.";
      if (kept) {
        text += " Les champs que vous aviez remplis sont gardés ; « Compléter depuis le registre » les remplace.";
      }
      say(text);
    }

    function lookUp() {
      var number = input.value.trim().toUpperCase();
      // Only what could be a French excise number is asked (the portal checks it): a VAT number
      // typed as identifier is not one, and is not the register's to answer.
      if (number === asked || number.length !== 13 || number.indexOf("FR") !== 0) {
        return;
      }
      asked = number;
      var url = box.getAttribute("data-url") + "?numero=" + encodeURIComponent(number);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json().then(function (body) {
            return { status: response.status, body: body };
          });
        })
        .then(function (answer) {
          if (input.value.trim().toUpperCase() !== number) {
            return; // typed on meanwhile: a later answer speaks
          }
          if (answer.status === 200) {
            fill(answer.body);
          } else if (answer.status === 404 || answer.status === 429) {
            say(answer.body.error || "");
          } else {
            say("");
          }
        })
        .catch(function () {
          asked = ""; // the network failed: the button still works, and leaving the field asks again
        });
    }

    input.addEventListener("change", lookUp);
    input.addEventListener("blur", lookUp);
  }

  document.querySelectorAll("[data-register-fill]").forEach(setUp);
})();
