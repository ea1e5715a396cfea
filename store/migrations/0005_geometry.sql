-- Migration: where each value was read on a paged source (a PDF or a scan),
-- for the review workbench to outline it on the page and for anyone to
-- check a reading against the page. Text exports have no rows here: their
-- forms keep their lines (forms.line_from, indicators.line).
--
-- Boxes are [x0, y0, x1, y1] from the page's top left corner, y down, in
-- the unit of their page (pages.unit):
--   * 'pt' for PDFs with a text layer: PDF points (1/72 inch) from the top
--     left corner of the page's media box;
--   * 'px' for scans (images, image-only PDFs): pixels of the page image
--     as decoded from the file. OCR reads a deskewed copy; each box is
--     mapped back onto the image as decoded (the box round the deskewed
--     cell's corners), so it outlines the cell on the image as stored.

CREATE TABLE pages (
    -- One page of a paged document that a stored form was read from: its
    -- size, in the unit of the boxes on it.
    id          INTEGER PRIMARY KEY, -- page row id
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE, -- the document
    page        INTEGER NOT NULL,    -- 1-based page number in the document
    width       REAL    NOT NULL,    -- page width, in unit
    height      REAL    NOT NULL,    -- page height, in unit
    unit        TEXT    NOT NULL,    -- 'pt' (PDF points, text-layer PDFs) or 'px' (pixels of the page image, scans)
    UNIQUE (document_id, page)
);

CREATE TABLE field_boxes (
    -- Where one field of a form was read: its page and the box of the cell
    -- (or text) it was read from. The export record's "geometry".
    id      INTEGER PRIMARY KEY, -- row id
    form_id INTEGER NOT NULL REFERENCES forms(id) ON DELETE CASCADE, -- the form
    field   TEXT    NOT NULL,    -- path in the export record, as flags.field: 'project_name', 'funds.total', 'goals.overall', 'indicators[3].name', 'indicators[3].value', 'indicators[3].level1', 'indicators[3].level2'
    page    INTEGER NOT NULL,    -- 1-based page of the document (pages.page)
    x0      REAL    NOT NULL,    -- left edge, in the page's unit
    y0      REAL    NOT NULL,    -- top edge
    x1      REAL    NOT NULL,    -- right edge
    y1      REAL    NOT NULL,    -- bottom edge
    UNIQUE (form_id, field)
);
