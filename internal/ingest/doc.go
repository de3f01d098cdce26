// Package ingest turns the bytes of a policy document (plain text, HTML,
// DOCX or PDF in UTF-8, GBK/GB18030 or Big5) into clean, normalized text
// that the extractor reads.
package ingest
