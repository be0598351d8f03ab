/* The archive's search scorer (html_search_scorer; Sphinx puts it into
 * language_data.js). Summaries first: a summary page, <yyyy>/<mm>/<slug>,
 * ranks above every listing page (months, topics, the references...), whose
 * lists repeat the summaries' titles; within each group Sphinx's own scores
 * decide (a word of the title before a word of the text). The weights are
 * Sphinx's defaults. */
var Scorer = {
  score: (result) => {
    const [docname, , , , score] = result;
    const summary = /^\d{4}\/\d{2}\/(?!index$)[^/]+$/.test(docname);
    return summary ? score + 1000 : score;
  },
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,
};
