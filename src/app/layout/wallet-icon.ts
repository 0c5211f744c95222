/** The image types a wallet may announce as its icon (EIP-6963 asks for a data: URI). */
const ICON = /^data:image\/(?:svg\+xml|png|webp|jpeg|gif)[;,]/i;

/** Large enough for any real wallet logo; a bigger one is not drawn. */
const MAX_ICON_LENGTH = 200_000;

/**
 * The announced icon when it is an inline image of a known type, else null. A wallet script
 * announces whatever it likes: a remote URL would let it learn who opened the picker.
 */
export function safeWalletIcon(icon: string | null): string | null {
  return icon && icon.length <= MAX_ICON_LENGTH && ICON.test(icon) ? icon : null;
}
