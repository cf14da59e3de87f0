//! OCR and PDF noise accepted where the reading is unambiguous (docs/format-spec.md §4.4:
//! lost hyphens "QĐUBND", a motto without dashes, "XàHỘI", and OCR's "ĐÁNG", "KÉT LUẬN").
//! The notices are written by the project; expected values are read off them.

use vanban::Status;

const PARTY_OCR: &str = "HUYỆN ỦY ĐỨC LINH\tĐÁNG CỘNG SẢN VIỆT NAM\n\
*\tĐức Linh, ngày 05 tháng 3 năm 2019\n\
Số 42-KL/HU\n\
\n\
KÉT LUẬN\n\
của Ban Thường vụ Huyện ủy về công tác cải cách hành chính\n\
\n\
1- Giao Ủy ban nhân dân huyện chủ trì thực hiện.\n\
\n\
Nơi nhận:\tT/M BAN THƯỜNG VỤ\n\
- Như trên,\tBÍ THƯ\n\
- Lưu VP.\n\
\tNguyễn Văn An\n";

const STATE_PDF: &str = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XàHỘI CHỦ NGHĨA VIỆT NAM\n\
TỈNH LÀO CAI\tĐộc lập  Tự do  Hạnh phúc\n\
Số: 3027/QĐUBND\tLào Cai, ngày 12 tháng 8 năm 2021\n\
\n\
QUYẾT ĐỊNH\n\
Về việc ban hành quy chế\n\
\n\
Điều 1. Ban hành quy chế.\n\
\n\
Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n\
- Như Điều 3;\tCHỦ TỊCH\n\
- Lưu: VT.\n\
\tTrịnh Xuân Bình\n";

#[test]
fn party_notice_with_ocr_misreadings() {
    let doc = vanban::parse_text("party-ocr", PARTY_OCR);
    let h = &doc.header;
    assert_eq!(h.dialect, Some(vanban::tree::Dialect::Party));
    assert_eq!(h.issuer.as_deref(), Some("HUYỆN ỦY ĐỨC LINH"));
    assert_eq!(h.reference.as_deref(), Some("42-KL/HU"));
    assert_eq!(h.doc_type.as_deref(), Some("KL"));
    assert_eq!(h.date.as_deref(), Some("2019-03-05"));
    let sig = doc.signature.as_ref().unwrap();
    assert_eq!(sig.authority.as_deref(), Some("T/M"));
    assert_eq!(sig.signer.as_deref(), Some("Nguyễn Văn An"));
    assert_eq!(doc.recipients.len(), 2);
}

#[test]
fn state_decision_with_lost_hyphens() {
    let doc = vanban::parse_text("state-pdf", STATE_PDF);
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.dialect, Some(vanban::tree::Dialect::State));
    assert_eq!(h.issuer.as_deref(), Some("ỦY BAN NHÂN DÂN TỈNH LÀO CAI"));
    assert_eq!(h.reference.as_deref(), Some("3027/QĐUBND"));
    assert_eq!(h.type_code.as_deref(), Some("QĐ"));
    assert_eq!(h.issuer_code.as_deref(), Some("UBND"));
    assert_eq!(h.doc_type.as_deref(), Some("QĐ"));
    assert_eq!(h.date.as_deref(), Some("2021-08-12"));
    assert_eq!(
        doc.signature.as_ref().and_then(|s| s.signer.as_deref()),
        Some("Trịnh Xuân Bình")
    );
}

#[test]
fn a_code_is_split_only_when_both_halves_are_known() {
    let with = |symbol: &str| {
        let text = STATE_PDF.replace("3027/QĐUBND", symbol);
        let doc = vanban::parse_text("s", &text);
        (doc.header.type_code, doc.header.issuer_code)
    };
    assert_eq!(with("15/NĐCP"), (Some("NĐ".into()), Some("CP".into())));
    // "KHĐT" could be the Sở Kế hoạch và Đầu tư's own code: left whole.
    assert_eq!(with("15/KHĐT"), (None, Some("KHĐT".into())));
}

/// A title with no rule under it ends at the blank line before the body's first
/// sentence, even a short one.
#[test]
fn title_without_a_rule_ends_before_the_first_sentence() {
    let text = STATE_PDF.replace(
        "QUYẾT ĐỊNH\nVề việc ban hành quy chế\n\n",
        "THÔNG BÁO\nKết luận của Chủ tịch Ủy ban nhân dân tỉnh\n\nChủ tịch kết luận như sau:\n",
    );
    let doc = vanban::parse_text("t", &text);
    assert_eq!(
        doc.header.title.as_deref(),
        Some("THÔNG BÁO Kết luận của Chủ tịch Ủy ban nhân dân tỉnh")
    );
    assert_eq!(doc.body[0].text, "Chủ tịch kết luận như sau:");
}

/// A công văn as antiword and `pdftotext -layout` print it: a blank line after every
/// paragraph, columns side by side, the date's year wrapped under it in a narrow column.
const CONVERTED: &str = "UBND TỈNH NINH THUẬN                  CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
\n\
SỞ CÔNG THƯƠNG                        Độc lập - Tự do - Hạnh phúc\n\
\n\
Số: 356/SCT-QLTM                      Phan Rang - Tháp Chàm, ngày 04 tháng 02 năm\n\
                                      2022\n\
\n\
V/v tăng cường kiểm tra thị trường\n\
\n\
dịp Tết Nguyên đán\n\
\n\
Kính gửi:\n\
\n\
- Chi cục Quản lý thị trường tỉnh;\n\
\n\
- Ủy ban nhân dân các huyện, thành phố.\n\
\n\
Sở Công Thương đề nghị các đơn vị kiểm tra hàng giả trước ngày 28/02/2022.\n\
\n\
Nơi nhận:                             GIÁM ĐỐC\n\
- Như trên;\n\
- Lưu: VT.                            Nguyễn Văn Tuấn\n";

#[test]
fn converter_layout_with_blank_lines_and_a_wrapped_year() {
    let doc = vanban::parse_text("converted", CONVERTED);
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    let h = &doc.header;
    assert_eq!(h.reference.as_deref(), Some("356/SCT-QLTM"));
    assert_eq!(h.place.as_deref(), Some("Phan Rang - Tháp Chàm"));
    assert_eq!(h.date.as_deref(), Some("2022-02-04"));
    assert_eq!(
        h.subject.as_deref(),
        Some("tăng cường kiểm tra thị trường dịp Tết Nguyên đán")
    );
    assert_eq!(
        h.addressees,
        [
            "Chi cục Quản lý thị trường tỉnh",
            "Ủy ban nhân dân các huyện, thành phố"
        ]
    );
    assert_eq!(doc.body.len(), 1);
    assert!(doc.body[0].text.starts_with("Sở Công Thương đề nghị"));
    assert_eq!(
        doc.signature.as_ref().unwrap().signer.as_deref(),
        Some("Nguyễn Văn Tuấn")
    );
}

/// What ends a subject or an addressee list stays what it was: a subject that ends a
/// sentence, an addressee ending with a full stop.
#[test]
fn a_finished_subject_or_list_is_not_continued_past_a_blank_line() {
    let text = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
TỈNH LÀO CAI\tĐộc lập - Tự do - Hạnh phúc\n\
Số: 15/UBND-VX\tLào Cai, ngày 05 tháng 01 năm 2020\n\
V/v báo cáo kết quả.\n\
\n\
Kính gửi: Sở Tài chính.\n\
\n\
- các phòng ban thực hiện báo cáo trước ngày 10/01/2020.\n\
\n\
Nơi nhận:\tCHỦ TỊCH\n\
- Như trên;\n\
- Lưu: VT.\tNguyễn Văn An\n";
    let doc = vanban::parse_text("finished", text);
    assert_eq!(doc.header.subject.as_deref(), Some("báo cáo kết quả."));
    assert_eq!(doc.header.addressees, ["Sở Tài chính"]);
    assert_eq!(doc.body.len(), 1, "{:#?}", doc.body);
}

/// A two-line issuer in the left column ends with "VIỆT NAM" too: only the motto's
/// continuation in the right column is left out of the issuer.
#[test]
fn viet_nam_under_the_issuer_stays_in_it() {
    let text = "NGÂN HÀNG NHÀ NƯỚC                    CỘNG HÒA XÃ HỘI CHỦ NGHĨA\n\
VIỆT NAM                                            VIỆT NAM\n\
                                      Độc lập - Tự do - Hạnh phúc\n\
Số: 05/TB-NHNN                        Hà Nội, ngày 03 tháng 4 năm 2023\n\
\n\
THÔNG BÁO\n\
Kết luận của Thống đốc\n\
\n\
1. Giao Vụ Tín dụng chủ trì thực hiện.\n\
\n\
Nơi nhận:                             KT. THỐNG ĐỐC\n\
- Như trên;                           PHÓ THỐNG ĐỐC\n\
- Lưu: VT.\n\
                                      Đào Minh Tú\n";
    let doc = vanban::parse_text("nhnn", text);
    assert_eq!(doc.status, Status::Ok, "{:?}", doc.diagnostics);
    assert_eq!(
        doc.header.issuer.as_deref(),
        Some("NGÂN HÀNG NHÀ NƯỚC VIỆT NAM")
    );
    assert_eq!(doc.header.date.as_deref(), Some("2023-04-03"));
}

/// A Nơi nhận entry wrapped over lines (a comma ends its first line, or the next opens
/// with a bracket) is one entry, as its dash says.
#[test]
fn a_recipient_wrapped_over_lines_is_one_entry() {
    let text = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc\n\
                Số: 12/TB-UBND\tQuảng Ngãi, ngày 03 tháng 01 năm 2025\n\
                THÔNG BÁO\nKết luận cuộc họp\n\nGiao Sở Nội vụ tổng hợp.\n\n\
                Nơi nhận:\tTL. CHỦ TỊCH\n\
                - CT, PCT UBND tỉnh;\tKT. CHÁNH VĂN PHÒNG\n\
                - Các Sở: Tài chính, Kế hoạch và Đầu tư,\tPHÓ CHÁNH VĂN PHÒNG\n\
                Tài nguyên và Môi trường, Xây dựng,\n\
                Nội vụ, Tư pháp;\n\
                - Cơ quan Báo và Phát thanh, Truyền hình;\n\
                (để đưa tin)\n\
                - Lưu: VT, KTTH.\tNguyễn Phước Bình\n";
    let doc = vanban::parse_text("wrapped.txt", text);
    let entries: Vec<&str> = doc.recipients.iter().map(|r| r.text.as_str()).collect();
    assert_eq!(
        entries,
        vec![
            "CT, PCT UBND tỉnh",
            "Các Sở: Tài chính, Kế hoạch và Đầu tư, Tài nguyên và Môi trường, Xây dựng, Nội vụ, Tư pháp",
            "Cơ quan Báo và Phát thanh, Truyền hình (để đưa tin)",
            "Lưu: VT, KTTH",
        ]
    );
    let s = doc.signature.as_ref().unwrap();
    assert_eq!(s.signer.as_deref(), Some("Nguyễn Phước Bình"));
}

/// A parent body's name wrapped over two lines above the issuer ("BAN CHẤP HÀNH" /
/// "TRUNG ƯƠNG") is one name.
#[test]
fn a_parent_name_wrapped_over_two_lines_is_one_name() {
    let text = "BAN CHẤP HÀNH\tĐẢNG CỘNG SẢN VIỆT NAM\n\
                TRUNG ƯƠNG\n\
                BAN TUYÊN GIÁO VÀ DÂN VẬN\tHà Nội, ngày 12 tháng 9 năm 2025\n\
                *\n\
                Số 37-HD/BTGDVTW\n\
                HƯỚNG DẪN\ntuyên truyền kỷ niệm\n\n\
                1. Các cấp ủy tổ chức tuyên truyền.\n";
    let doc = vanban::parse_text("wrapped-parent.txt", text);
    assert_eq!(
        doc.header.issuer.as_deref(),
        Some("BAN TUYÊN GIÁO VÀ DÂN VẬN")
    );
    assert_eq!(
        doc.header.issuer_parent.as_deref(),
        Some("BAN CHẤP HÀNH TRUNG ƯƠNG")
    );
}

/// A site's banner over the document ("X" / "CÁC NỘI DUNG ĐƯỢC SỬA ĐỔI" / a sentence of
/// prose) and a label in capitals ("CC:") name no body: the issuer's block is below them.
#[test]
fn capitals_above_prose_or_ending_in_a_colon_are_not_the_issuer_s_parent() {
    let text = "X\nCÁC NỘI DUNG ĐƯỢC SỬA ĐỔI, HƯỚNG DẪN\n\
                Các nội dung của văn bản này được văn bản khác thay đổi sẽ được làm nổi bật.\n\
                CC:\n\
                ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                TỈNH QUẢNG NGÃI\tĐộc lập - Tự do - Hạnh phúc\n\
                Số: 04/CT-UBND\tQuảng Ngãi, ngày 15 tháng 3 năm 2024\n\
                CHỈ THỊ\nVề tăng cường thu hút đầu tư\n\n1. Giao Sở Tài chính chủ trì.\n";
    let doc = vanban::parse_text("banner.txt", text);
    assert_eq!(
        doc.header.issuer.as_deref(),
        Some("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
    );
    assert_eq!(doc.header.issuer_parent, None);
}

/// A remark in brackets beside the recipients ("(để ph/h th/h)") is the entry's, never a
/// line of the signer's title.
#[test]
fn a_bracketed_remark_beside_the_recipients_is_not_part_of_the_title() {
    let text = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\
                THÀNH PHỐ HÀ NỘI\tĐộc lập - Tự do - Hạnh phúc\n\
                Số: 12/QĐ-UBND\tHà Nội, ngày 03 tháng 01 năm 2025\n\
                QUYẾT ĐỊNH\nVề việc thành lập Ban Chỉ đạo\n\n\
                Điều 1. Thành lập Ban Chỉ đạo.\n\n\
                Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\n\
                - Thường trực Thành ủy;    (để b/c)\tKT. CHỦ TỊCH\n\
                \tPHÓ CHỦ TỊCH\n\
                - UBND các phường, xã;\t(để ph/h th/h)\n\
                - Lưu: VT.\n\
                \tNguyễn Văn Phong\n";
    let doc = vanban::parse_text("remark.txt", text);
    let s = doc.signature.as_ref().unwrap();
    assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    assert_eq!(s.signer.as_deref(), Some("Nguyễn Văn Phong"));
}
