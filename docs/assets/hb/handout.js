/* Pages printed as a handout (procedures, call scripts, the key facts page): the bar's Print button prints the page
   without the site's chrome. */
import { printOnly } from "./core.js";

document.querySelectorAll(".hb-handout-bar [data-action=print]").forEach(function (button) {
  button.addEventListener("click", function () { printOnly(null, "hb-print-page"); });
});
