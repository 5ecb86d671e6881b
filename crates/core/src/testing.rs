//! Hostile inputs for the tests and the fuzz bench (not used by the app): a seeded generator and a
//! zip bomb, in one place so the core tests, the CLI tests and `juri bench fuzz-import` share them.

/// A small deterministic generator (xorshift64*): the same seed gives the same inputs, so a
/// failure can be replayed.
pub struct Rng(pub u64);

impl Rng {
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next_u64() as u8).collect()
    }
}

/// A raw deflate stream of `len` spaces in about `len / 160` bytes: one fixed-Huffman block, a
/// literal then copies of (length 258, distance 1).
pub fn deflated_spaces(len: usize) -> Vec<u8> {
    struct Bits(Vec<u8>, u64, u32);
    impl Bits {
        fn put(&mut self, bits: u64, count: u32) {
            self.1 |= bits << self.2;
            self.2 += count;
            while self.2 >= 8 {
                self.0.push(self.1 as u8);
                self.1 >>= 8;
                self.2 -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, code: u64, count: u32) {
            let rev = (0..count).fold(0, |acc, i| acc | ((code >> i) & 1) << (count - 1 - i));
            self.put(rev, count);
        }
    }
    let mut b = Bits(Vec::new(), 0, 0);
    b.put(1, 1); // last block
    b.put(1, 2); // fixed Huffman codes
    b.code(0x30 + u64::from(b' '), 8);
    for _ in 0..len.saturating_sub(1) / 258 {
        b.code(0xC0 + 5, 8); // length code 285 = 258
        b.code(0, 5); // distance 1
    }
    b.code(0, 7); // end of block
    b.put(0, 7);
    b.0
}

/// A zip holding one deflated entry `name` that inflates to `len` spaces; its header says so
/// (its CRC is not computed: a reader must stop long before the end).
pub fn zip_bomb(name: &str, len: u32) -> Vec<u8> {
    let data = deflated_spaces(len as usize);
    let mut z = Vec::new();
    let u16s = |z: &mut Vec<u8>, v: &[u16]| v.iter().for_each(|x| z.extend_from_slice(&x.to_le_bytes()));
    let u32s = |z: &mut Vec<u8>, v: &[u32]| v.iter().for_each(|x| z.extend_from_slice(&x.to_le_bytes()));
    u32s(&mut z, &[0x0403_4b50]);
    u16s(&mut z, &[20, 0, 8, 0, 0x21]);
    u32s(&mut z, &[0, data.len() as u32, len]);
    u16s(&mut z, &[name.len() as u16, 0]);
    z.extend_from_slice(name.as_bytes());
    z.extend_from_slice(&data);
    let cd = z.len();
    u32s(&mut z, &[0x0201_4b50]);
    u16s(&mut z, &[20, 20, 0, 8, 0, 0x21]);
    u32s(&mut z, &[0, data.len() as u32, len]);
    u16s(&mut z, &[name.len() as u16, 0, 0, 0, 0]);
    u32s(&mut z, &[0, 0]);
    z.extend_from_slice(name.as_bytes());
    let cd_len = z.len() - cd;
    u32s(&mut z, &[0x0605_4b50]);
    u16s(&mut z, &[0, 0, 1, 1]);
    u32s(&mut z, &[cd_len as u32, cd as u32]);
    u16s(&mut z, &[0]);
    z
}

/// `xlsx` with its entry `name` replaced, compressed bytes as they are, by the one entry of `bomb`.
pub fn with_bomb_as(xlsx: &[u8], name: &str, bomb: &[u8]) -> Vec<u8> {
    use std::io::Cursor;
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut bomb = zip::ZipArchive::new(Cursor::new(bomb)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let f = src.by_index_raw(i).expect("an entry");
        if f.name().ok().as_deref() == Some(name) {
            drop(f);
            out.raw_copy_file_rename(bomb.by_index_raw(0).expect("the bomb's entry"), name).expect("copied");
        } else {
            out.raw_copy_file(f).expect("copied");
        }
    }
    out.finish().expect("written").into_inner()
}

/// `xlsx` with its first sheet's `<sheetData>` replaced by `sheet_data` (cells of any shape,
/// hostile ones included) and the `extra` entries added.
pub fn with_sheet_data(xlsx: &[u8], sheet_data: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::{Cursor, Read, Write};
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).expect("a zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..src.len() {
        let mut f = src.by_index(i).expect("an entry");
        let name = f.name().expect("a name").to_string();
        let mut body = Vec::new();
        f.read_to_end(&mut body).expect("readable");
        if name == "xl/worksheets/sheet1.xml" {
            let text = String::from_utf8(body).expect("XML text");
            let start = text.find("<sheetData").expect("sheet data");
            let end = text
                .find("</sheetData>")
                .map(|e| e + "</sheetData>".len())
                .unwrap_or_else(|| text[start..].find("/>").map(|e| start + e + 2).expect("an empty sheet data"));
            body = format!("{}<sheetData>{sheet_data}</sheetData>{}", &text[..start], &text[end..]).into_bytes();
        }
        out.start_file(name, opts).expect("entry");
        out.write_all(&body).expect("written");
    }
    for (name, body) in extra {
        out.start_file(*name, opts).expect("entry");
        out.write_all(body).expect("written");
    }
    out.finish().expect("written").into_inner()
}
