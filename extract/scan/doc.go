// Package scan turns the bytes of a scanned document into page images for
// OCR: a PNG or JPEG (one page), a TIFF (every page of its IFD chain), or an
// image-only PDF (the image XObject that fills each page).
//
// Open (or OpenPDF) reads only the structure: how many pages, and for each
// where its image is and how big it is. Page decodes one page on demand, so
// a long document is never held decoded in memory, and pages can be decoded
// in parallel.
//
// Every image's dimensions are checked before it is decoded
// (image.DecodeConfig for PNG, JPEG and TIFF; /Width and /Height of a PDF
// image): an image of more than MaxPixels pixels is refused with
// ErrTooLarge, and a PDF image stream is never inflated beyond the size its
// dimensions call for (a decompression bomb stops there).
//
// PDF images: DCTDecode (JPEG), FlateDecode, LZWDecode and RunLengthDecode
// (raw samples, with or without PNG or TIFF predictors), ASCIIHexDecode and
// ASCII85Decode before them; colour spaces DeviceGray, DeviceRGB,
// DeviceCMYK, CalGray, CalRGB, ICCBased (by its component count) and Indexed
// over any of those; 1, 2, 4, 8 or 16 bits per component; image masks; the
// page's /Rotate. Not supported, with ErrUnsupported naming the filter:
// JBIG2Decode, JPXDecode (JPEG 2000) and CCITTFaxDecode. Images inside Form
// XObjects are found one level deep; inline images are not read. The PDF's
// structure is read with github.com/ledongthuc/pdf.
//
// TIFF pages are decoded by golang.org/x/image/tiff (none, LZW, Deflate,
// PackBits, CCITT G3/G4 compression; not JPEG-in-TIFF), one IFD at a time:
// that decoder reads only the first IFD, so each page is decoded from a view
// of the file whose header points at that page's IFD.
//
// Everything here is pure Go and safe for concurrent use; no input makes it
// panic (a panic inside the PDF library is turned into an error).
package scan
