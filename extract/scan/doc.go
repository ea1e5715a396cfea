// Package scan turns the bytes of a scanned document into page images for
// OCR: a PNG or JPEG (one page), a TIFF (every page of its IFD chain), or an
// image-only PDF (the image XObject that fills each page); Gray prepares a
// page for OCR (red ink taken out, illumination evened out).
//
// Open (or OpenPDF) reads only the structure: how many pages, and for each
// where its image is and how big it is. Page decodes one page on demand, so
// a long document is never held decoded in memory, and pages can be decoded
// in parallel. Every image's dimensions are checked before it is decoded:
// an image of more than MaxPixels pixels is refused with ErrTooLarge, and a
// PDF image stream is never inflated beyond the size its dimensions call
// for. Everything here is pure Go and safe for concurrent use; no input
// makes it panic (a panic inside the PDF library is turned into an error).
//
// PDF images: DCTDecode (JPEG), FlateDecode, LZWDecode and RunLengthDecode
// (raw samples, with or without PNG or TIFF predictors), ASCIIHexDecode and
// ASCII85Decode before them; colour spaces DeviceGray, DeviceRGB,
// DeviceCMYK, CalGray, CalRGB, ICCBased (by its component count), Separation
// (one tint) and Indexed over any of those; 1, 2, 4, 8 or 16 bits per
// component; image masks; the page's /Rotate. Not supported, with
// ErrUnsupported naming the filter: JBIG2Decode, JPXDecode (JPEG 2000) and
// CCITTFaxDecode. Images inside Form XObjects are found one level deep;
// inline images are not read. TIFF pages may be uncompressed or LZW,
// Deflate, PackBits or CCITT G3/G4 compressed, not JPEG-in-TIFF
// (golang.org/x/image/tiff decodes them).
package scan
