/* 「コンテンツにスキップ」 puts the focus on the page's heading (focusable from the build) without a
 * history entry of its own: on the questionnaire, whose answers live in the URL's #, the jump took
 * an extra 「戻る」 and a reload there lost the answers. Without JavaScript the link jumps as usual. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-skip");
    var target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    target.focus();
  });
})();
