"""From an article to events, without Qt: the article's text and metadata from a file
(plain text, Markdown, HTML, PDF), the sentence around a selection, the dating words in it
resolved against the publication date, and the actors it names."""
