//! Helpers shared by the tests that compare trees read from different forms of the same
//! document (text, Word, web page, legacy encodings).

/// Fields that depend on the bytes read rather than on the content: spans (byte
/// offsets), sizes, the file name and how the text was read.
pub const BYTE_FIELDS: [&str; 6] = ["span", "spans", "offset", "bytes", "file", "source"];

/// The tree as JSON without the fields named in `drop`, at any depth.
pub fn json_without(doc: &vanban::Document, drop: &[&str]) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value, drop: &[&str]) {
        match v {
            serde_json::Value::Object(m) => {
                for k in drop {
                    m.remove(*k);
                }
                m.values_mut().for_each(|v| strip(v, drop));
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(|v| strip(v, drop)),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(doc).unwrap();
    strip(&mut v, drop);
    v
}
