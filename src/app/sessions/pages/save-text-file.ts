/** Hands text to the browser as a download with this name; nothing leaves the machine. */
export function saveTextFile(name: string, type: string, text: string, doc: Document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has handed the blob over; releasing it later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
