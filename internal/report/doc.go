// Package report builds periodic evaluation reports of a plan as of a date
// (only what was recorded by then) and renders them as HTML, DOCX, XLSX
// and PDF in the conventions of official documents.
package report
