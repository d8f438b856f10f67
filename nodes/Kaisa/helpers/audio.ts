export interface AudioType {
	mimeType: string;
	extension: string;
}

const BY_FORMAT: Record<string, AudioType> = {
	wav: { mimeType: 'audio/wav', extension: 'wav' },
	wave: { mimeType: 'audio/wav', extension: 'wav' },
	mp3: { mimeType: 'audio/mpeg', extension: 'mp3' },
	mpeg: { mimeType: 'audio/mpeg', extension: 'mp3' },
	ogg: { mimeType: 'audio/ogg', extension: 'ogg' },
	flac: { mimeType: 'audio/flac', extension: 'flac' },
	aac: { mimeType: 'audio/aac', extension: 'aac' },
};

const UNKNOWN: AudioType = { mimeType: 'application/octet-stream', extension: 'bin' };

function startsWith(bytes: Buffer, text: string, offset = 0): boolean {
	return (
		bytes.length >= offset + text.length &&
		bytes.toString('latin1', offset, offset + text.length) === text
	);
}

/**
 * The audio type from the file's first bytes, else from the format Kaisa names
 * (`wav`, `mp3`, `audio/mpeg`, ...), else a generic binary.
 */
export function detectAudio(bytes: Buffer, format?: unknown): AudioType {
	if (startsWith(bytes, 'RIFF') && startsWith(bytes, 'WAVE', 8)) return BY_FORMAT.wav;
	if (startsWith(bytes, 'ID3')) return BY_FORMAT.mp3;
	if (startsWith(bytes, 'OggS')) return BY_FORMAT.ogg;
	if (startsWith(bytes, 'fLaC')) return BY_FORMAT.flac;
	if (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0) {
		// MPEG audio frame sync: layer bits 00 mean AAC in ADTS, anything else MPEG layer I–III.
		return (bytes[1] & 0x06) === 0 ? BY_FORMAT.aac : BY_FORMAT.mp3;
	}
	if (typeof format === 'string') {
		const name = format.trim().toLowerCase();
		const known = BY_FORMAT[name.replace(/^audio\/(x-)?/, '')];
		if (known) return known;
	}
	return UNKNOWN;
}
