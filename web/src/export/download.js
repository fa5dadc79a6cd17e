// Saves data as a file through a temporary object URL (the browser's download, no server involved).

/** Offers `blob` as a download named `fileName` (browser only). */
export function downloadBlob(blob, fileName) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Offers `text` as a download of MIME type `type` (browser only). */
export function downloadText(text, fileName, type) {
  downloadBlob(new Blob([text], { type }), fileName);
}
