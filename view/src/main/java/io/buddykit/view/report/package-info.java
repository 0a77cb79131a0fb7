/**
 * The HTML report. Open {@link Report} first: it writes a folder with a self-contained {@code
 * index.html} and {@code results.json}, or one scenario's page, from {@link ReportSection}s, or a
 * sweep's page from its summary; {@code ReportPage} renders the report's page and {@code SweepPage}
 * a sweep's (means with confidence bands), {@code Charts} turns a result's tables, series and numbers
 * into {@link ChartSpec}s by generic rules, and {@code Assets} and {@code Html} inline and escape what
 * the page carries; {@link ProgressBar} shows a long run in the terminal. Its own package because
 * it writes files and knows nothing of HTTP, as the live view ({@code view.serve}) knows nothing of
 * it.
 */
package io.buddykit.view.report;
