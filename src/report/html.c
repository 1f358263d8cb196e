/*
 * html.c - the editor's report: one self-contained page (inline CSS, no
 * scripts, no network) with each document's text, every flag highlighted in
 * its category's colour and pattern, rule, message and suggestion on hover
 * and focus, and a list of flags linking to their places.
 *
 * Every highlight is one <mark> element whose text content is exactly the
 * flag's text: labels and tooltips are CSS pseudo-elements drawn from data
 * attributes.  Flags nest when one contains another; a flag that crosses
 * another (overlaps it without containing it) cannot nest, so it is shown
 * in its own excerpt under the text, with the same highlight.  All
 * document text is escaped.
 */
#include <stdlib.h>
#include <string.h>

#include "../engine.h"
#include "../util/strbuf.h"
#include "../util/util.h"

struct mtl_html {
    char *title;
    mtl_strbuf body;
    mtl_strbuf index;
    size_t ndocs;
};

/* category colours (Okabe-Ito, readable for colour-blind readers) and an
 * underline pattern each, so colour is never the only cue */
static const char *const mtl_html_css =
    "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60em;"
    "padding:1em;color:#111;background:#fff}"
    "h1{font-size:1.4em}h2{font-size:1.2em;margin-top:2em;border-top:1px "
    "solid #ccc;padding-top:1em}"
    ".grade{display:inline-block;font-weight:bold;padding:0 .5em;"
    "border:2px solid #111;border-radius:4px;margin-right:.5em}"
    ".gA,.gB{background:#d9f2e6}.gC{background:#fff3cd}"
    ".gD,.gE,.gF{background:#f8d7da}"
    ".doc{white-space:pre-wrap;border:1px solid #ddd;padding:1em;"
    "background:#fcfcfc;word-wrap:break-word}"
    "mark{position:relative;background:none;color:inherit;"
    "text-decoration-line:underline;text-decoration-thickness:3px;"
    "text-underline-offset:3px;padding:0 1px}"
    "mark::before{content:attr(data-cat);font-size:.6em;vertical-align:super;"
    "font-weight:bold;margin-right:1px}"
    "mark:hover::after,mark:focus::after{content:attr(data-tip);position:"
    "absolute;left:0;top:1.6em;z-index:10;background:#222;color:#fff;"
    "padding:.3em .5em;border-radius:4px;font-size:.85em;white-space:pre-wrap;"
    "width:max-content;max-width:30em}"
    "mark:focus{outline:2px solid #000}"
    ".c-encoding{background:#f0e4ef;text-decoration-style:wavy;"
    "text-decoration-color:#CC79A7}"
    ".c-duplicate{background:#e8e8e8;text-decoration-style:double;"
    "text-decoration-color:#555}"
    ".c-name{background:#fde7cc;text-decoration-style:solid;"
    "text-decoration-color:#E69F00}"
    ".c-boilerplate{background:#dbeefa;text-decoration-style:dashed;"
    "text-decoration-color:#0072B2}"
    ".c-date{background:#d4f0e6;text-decoration-style:dotted;"
    "text-decoration-color:#009E73}"
    ".c-quote{background:#fbe1d4;text-decoration-style:wavy;"
    "text-decoration-color:#D55E00}"
    ".c-acronym{background:#fafad0;text-decoration-style:double;"
    "text-decoration-color:#B8A900}"
    ".c-casing{background:#dff0fb;text-decoration-style:dotted;"
    "text-decoration-color:#56B4E9}"
    ".c-spacing{background:#ececf9;text-decoration-style:dashed;"
    "text-decoration-color:#6A5ACD}"
    ".c-language{background:#eee3d8;text-decoration-style:solid;"
    "text-decoration-color:#8B5A2B}"
    ".legend span{display:inline-block;margin:.2em .6em .2em 0;padding:0 .3em;"
    "text-decoration-line:underline;text-decoration-thickness:3px}"
    ".flags li{margin:.2em 0}.sugg{color:#064;font-weight:bold}"
    ".excerpt{color:#444}.notes{color:#555;font-style:italic}"
    "@media print{mark::after{display:none}.doc{border:none}"
    "a{color:inherit;text-decoration:none}}";

static void
mtl_html_escape(mtl_strbuf *sb, const char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&#39;"; break;
        default: break;
        }
        if (rep) {
            mtl_strbuf_put(sb, s + run, i - run);
            mtl_strbuf_puts(sb, rep);
            i++;
            run = i;
            continue;
        }
        if (c < 0x80 && (c >= 0x20 || c == '\n' || c == '\t')) {
            i++;
            continue;
        }
        if (c == '\r') {
            mtl_strbuf_put(sb, s + run, i - run);
            i++;
            run = i;
            continue;
        }
        size_t st = i;
        int32_t cp = c < 0x80 ? (i++, -1) : mtl_utf8_next(s, n, &i);
        if (cp < 0 || (cp >= 0x7F && cp < 0xA0)) {
            mtl_strbuf_put(sb, s + run, st - run);
            mtl_strbuf_puts(sb, "\xEF\xBF\xBD");
            run = i;
        }
    }
    mtl_strbuf_put(sb, s + run, n - run);
}

static void
mtl_html_escape_str(mtl_strbuf *sb, const char *s)
{
    if (s)
        mtl_html_escape(sb, s, strlen(s));
}

mtl_html *
mtl_html_new(const char *title)
{
    mtl_html *h = mtl_xcalloc(1, sizeof *h);
    h->title = mtl_xstrdup(title ? title : "mtlint report");
    mtl_strbuf_init(&h->body);
    mtl_strbuf_init(&h->index);
    return h;
}

void
mtl_html_free(mtl_html *h)
{
    if (!h)
        return;
    free(h->title);
    mtl_strbuf_free(&h->body);
    mtl_strbuf_free(&h->index);
    free(h);
}

static void
mtl_html_open_mark(mtl_strbuf *sb, const mtl_flag *f, size_t doc, size_t i)
{
    mtl_strbuf_printf(sb, "<mark class=\"f c-%s\" id=\"d%zuf%zu\" "
                          "tabindex=\"0\" data-cat=\"", f->category, doc, i);
    mtl_html_escape_str(sb, f->category);
    mtl_strbuf_puts(sb, "\" data-rule=\"");
    mtl_html_escape_str(sb, f->rule);
    mtl_strbuf_puts(sb, "\" data-tip=\"");
    mtl_html_escape_str(sb, f->category);
    mtl_strbuf_putc(sb, '/');
    mtl_html_escape_str(sb, f->rule);
    mtl_strbuf_puts(sb, ": ");
    mtl_html_escape_str(sb, f->message);
    if (f->suggestion) {
        mtl_strbuf_puts(sb, " \xE2\x86\x92 ");
        mtl_html_escape_str(sb, f->suggestion);
    }
    mtl_strbuf_puts(sb, "\">");
}

int
mtl_html_add(mtl_html *h, const mtl_report *r, const char *name)
{
    if (!h || !r)
        return MTL_EINVAL;
    size_t d = h->ndocs++;
    if (!name)
        name = r->source ? r->source : (r->id ? r->id : "document");
    mtl_strbuf *sb = &h->body;
    char g = r->grade;

    mtl_strbuf_printf(&h->index, "<li><a href=\"#d%zu\"><span class=\"grade "
                                 "g%c\">%c</span>", d, g, g);
    mtl_html_escape_str(&h->index, name);
    mtl_strbuf_puts(&h->index, "</a> (score ");
    mtl_strbuf_number(&h->index, r->score, 1);
    mtl_strbuf_printf(&h->index, ", %zu flags)</li>\n", r->nflags);

    mtl_strbuf_printf(sb, "<section id=\"d%zu\">\n<h2><span class=\"grade "
                          "g%c\" title=\"grade\">%c</span>", d, g, g);
    mtl_html_escape_str(sb, name);
    mtl_strbuf_puts(sb, "</h2>\n<p>Score ");
    mtl_strbuf_number(sb, r->score, 1);
    mtl_strbuf_printf(sb, " of 100; %zu flag%s; %zu words; language ",
                      r->nflags, r->nflags == 1 ? "" : "s", r->words);
    mtl_html_escape_str(sb, r->lang);
    mtl_strbuf_puts(sb, ".");
    /* costliest categories */
    int order[MTL_NCATEGORIES], n = 0;
    for (int c = 0; c < MTL_NCATEGORIES; c++)
        if (r->sr.count[c])
            order[n++] = c;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && r->sr.sub[order[j]] < r->sr.sub[order[j - 1]];
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    if (n) {
        mtl_strbuf_puts(sb, " Costliest: ");
        for (int i = 0; i < n && i < 3; i++) {
            mtl_strbuf_printf(sb, "%s%s (%u flag%s, sub-score ", i ? ", " : "",
                              mtl_categories[order[i]], r->sr.count[order[i]],
                              r->sr.count[order[i]] == 1 ? "" : "s");
            mtl_strbuf_number(sb, r->sr.sub[order[i]], 1);
            mtl_strbuf_putc(sb, ')');
        }
        mtl_strbuf_putc(sb, '.');
    }
    mtl_strbuf_puts(sb, "</p>\n");
    for (size_t i = 0; i < r->nnotes; i++) {
        mtl_strbuf_puts(sb, "<p class=\"notes\">Note: ");
        mtl_html_escape_str(sb, r->notes[i]);
        mtl_strbuf_puts(sb, "</p>\n");
    }

    /* the text, with nesting highlights; crossing flags go below */
    size_t *stack = mtl_xmalloc((r->nflags + 1) * sizeof *stack);
    bool *crossing = mtl_xcalloc(r->nflags + 1, sizeof *crossing);
    size_t depth = 0;
    /* flags are sorted by (start, end); for nesting we need, at equal
     * starts, the longer first: walk groups of equal start backwards */
    size_t *ord = mtl_xmalloc((r->nflags + 1) * sizeof *ord);
    for (size_t i = 0; i < r->nflags;) {
        size_t j = i;
        while (j < r->nflags && r->flags[j].start == r->flags[i].start)
            j++;
        for (size_t k = 0; k < j - i; k++)
            ord[i + k] = j - 1 - k;
        i = j;
    }
    mtl_strbuf_puts(sb, "<div class=\"doc\">");
    size_t pos = 0;
    for (size_t oi = 0; oi <= r->nflags; oi++) {
        size_t next = oi < r->nflags ? r->flags[ord[oi]].start : r->len;
        /* close marks that end before the next start */
        while (depth > 0) {
            size_t top = stack[depth - 1];
            size_t end = r->flags[top].end;
            if (end > next)
                break;
            mtl_html_escape(sb, r->text + pos, end - pos);
            pos = end;
            mtl_strbuf_puts(sb, "</mark>");
            depth--;
        }
        if (oi == r->nflags)
            break;
        const mtl_flag *f = &r->flags[ord[oi]];
        if (depth > 0 && f->end > r->flags[stack[depth - 1]].end) {
            crossing[ord[oi]] = true;
            continue;
        }
        mtl_html_escape(sb, r->text + pos, f->start - pos);
        pos = f->start;
        mtl_html_open_mark(sb, f, d, ord[oi]);
        stack[depth++] = ord[oi];
    }
    mtl_html_escape(sb, r->text + pos, r->len - pos);
    mtl_strbuf_puts(sb, "</div>\n");

    bool any_crossing = false;
    for (size_t i = 0; i < r->nflags; i++)
        any_crossing |= crossing[i];
    if (any_crossing) {
        mtl_strbuf_puts(sb, "<p>Overlapping flags:</p>\n<ul class=\"excerpt\">");
        for (size_t i = 0; i < r->nflags; i++) {
            if (!crossing[i])
                continue;
            const mtl_flag *f = &r->flags[i];
            size_t a = f->start > 40 ? f->start - 40 : 0;
            while (a > 0 && ((unsigned char)r->text[a] & 0xC0) == 0x80)
                a--;
            size_t b = f->end + 40 < r->len ? f->end + 40 : r->len;
            while (b < r->len && ((unsigned char)r->text[b] & 0xC0) == 0x80)
                b++;
            mtl_strbuf_puts(sb, "<li>\xE2\x80\xA6");
            mtl_html_escape(sb, r->text + a, f->start - a);
            mtl_html_open_mark(sb, f, d, i);
            mtl_html_escape(sb, r->text + f->start, f->end - f->start);
            mtl_strbuf_puts(sb, "</mark>");
            mtl_html_escape(sb, r->text + f->end, b - f->end);
            mtl_strbuf_puts(sb, "\xE2\x80\xA6</li>\n");
        }
        mtl_strbuf_puts(sb, "</ul>\n");
    }
    free(stack);
    free(crossing);
    free(ord);

    if (r->nflags) {
        mtl_strbuf_puts(sb, "<ol class=\"flags\">\n");
        for (size_t i = 0; i < r->nflags; i++) {
            const mtl_flag *f = &r->flags[i];
            mtl_strbuf_printf(sb, "<li><a href=\"#d%zuf%zu\">%zu:%zu</a> "
                                  "<b>", d, i, f->line, f->col);
            mtl_html_escape_str(sb, f->category);
            mtl_strbuf_putc(sb, '/');
            mtl_html_escape_str(sb, f->rule);
            mtl_strbuf_puts(sb, "</b> \xE2\x80\x9C");
            mtl_html_escape_str(sb, f->text);
            mtl_strbuf_puts(sb, "\xE2\x80\x9D: ");
            mtl_html_escape_str(sb, f->message);
            if (f->suggestion) {
                mtl_strbuf_puts(sb, " \xE2\x86\x92 <span class=\"sugg\">");
                mtl_html_escape_str(sb, f->suggestion);
                mtl_strbuf_puts(sb, "</span>");
            }
            mtl_strbuf_puts(sb, "</li>\n");
        }
        mtl_strbuf_puts(sb, "</ol>\n");
    }
    mtl_strbuf_puts(sb, "</section>\n");
    return MTL_OK;
}

char *
mtl_html_finish(mtl_html *h, size_t *len)
{
    if (!h)
        return NULL;
    mtl_strbuf out;
    mtl_strbuf_init(&out);
    mtl_strbuf_puts(&out, "<!DOCTYPE html>\n<html lang=\"en\"><head>"
                          "<meta charset=\"utf-8\">"
                          "<meta name=\"viewport\" content=\"width=device-"
                          "width\"><title>");
    mtl_html_escape_str(&out, h->title);
    mtl_strbuf_puts(&out, "</title><style>");
    mtl_strbuf_puts(&out, mtl_html_css);
    mtl_strbuf_puts(&out, "</style></head><body>\n<h1>");
    mtl_html_escape_str(&out, h->title);
    mtl_strbuf_puts(&out, "</h1>\n<p class=\"legend\">Categories: ");
    for (int c = 0; c < MTL_NCATEGORIES; c++)
        mtl_strbuf_printf(&out, "<span class=\"c-%s\">%s</span>",
                          mtl_categories[c], mtl_categories[c]);
    mtl_strbuf_puts(&out, "<br>Hover over or tab to a highlight for its rule, "
                          "message and suggestion.</p>\n");
    if (h->ndocs > 1) {
        mtl_strbuf_printf(&out, "<nav><h2>%zu documents</h2><ol>\n",
                          h->ndocs);
        mtl_strbuf_put(&out, h->index.data ? h->index.data : "",
                       h->index.len);
        mtl_strbuf_puts(&out, "</ol></nav>\n");
    }
    mtl_strbuf_put(&out, h->body.data ? h->body.data : "", h->body.len);
    mtl_strbuf_puts(&out, "</body></html>\n");
    return mtl_strbuf_detach(&out, len);
}
