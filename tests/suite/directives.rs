//! Directives: agencies, roles and deadlines, with expected values written by reading
//! the documents of `corpus/` (the seed notice and the project's own notices).

use vanban::tree::{DeadlineKind, Directive, Node, Role};

fn parse(name: &str) -> vanban::Document {
    vanban::parse_file(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("corpus")
            .join(name),
    )
}

/// Directives in document order, with their node.
fn directives(doc: &vanban::Document) -> Vec<(&Node, &Directive)> {
    vanban::render::directives(doc)
}

/// `role canonical` for each assignment, `*` after inferred ones.
fn roles(d: &Directive) -> Vec<String> {
    d.assignments
        .iter()
        .map(|a| {
            format!(
                "{} {}{}",
                a.role.as_str(),
                a.canonical,
                if a.explicit { "" } else { "*" }
            )
        })
        .collect()
}

const LMHTX: &str = "Liên minh Hợp tác xã tỉnh Bình Thuận";

#[test]
fn the_seeds_seven_directives() {
    let doc = parse("525-TB-TU.txt");
    let ds = directives(&doc);
    let markers: Vec<&str> = ds
        .iter()
        .map(|(n, _)| n.marker.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(markers, vec!["1/", "2/", "3/", "4/", "5/", "6/", "7/"]);
    let d: Vec<&Directive> = ds.iter().map(|(_, d)| *d).collect();

    // 1/ Tiếp tục triển khai … Nghị quyết số 12: no agency named; the notice concludes a
    // meeting with the Liên minh Hợp tác xã tỉnh, whose task it is.
    assert_eq!(d[0].action.as_deref(), Some("Tiếp tục"));
    assert_eq!(roles(d[0]), vec![format!("lead {LMHTX}*")]);
    assert_eq!(d[0].deadline, None);
    assert!(!d[0].urgent);
    // 2/ Đẩy mạnh …; giải quyết dứt điểm các đơn vị làm ăn thua lỗ: urgent, no deadline.
    assert_eq!(d[1].action.as_deref(), Some("Đẩy mạnh"));
    assert_eq!(roles(d[1]), vec![format!("lead {LMHTX}*")]);
    assert!(d[1].urgent);
    assert_eq!(d[1].deadline, None);
    // 3/ … phối hợp tốt với các cơ quan chức năng và các địa phương …; tham mưu cho Ban
    // Thường vụ Tỉnh ủy và UBND tỉnh.
    assert_eq!(d[2].action.as_deref(), Some("Làm tốt"));
    assert_eq!(
        roles(d[2]),
        vec![
            format!("lead {LMHTX}*"),
            "support các cơ quan chức năng".into(),
            "support các địa phương".into(),
            "report_to Ban Thường vụ Tỉnh ủy Bình Thuận".into(),
            "report_to Ủy ban nhân dân tỉnh Bình Thuận".into(),
        ]
    );
    // 4/ … phối hợp với các ngành chức năng và UBND các huyện …
    assert_eq!(d[3].action.as_deref(), Some("Tăng cường"));
    assert_eq!(
        roles(d[3]),
        vec![
            format!("lead {LMHTX}*"),
            "support các ngành chức năng".into(),
            "support Ủy ban nhân dân các huyện".into(),
        ]
    );
    // 5/ Tiếp tục củng cố tổ chức bộ máy …
    assert_eq!(d[4].action.as_deref(), Some("Tiếp tục"));
    assert_eq!(roles(d[4]), vec![format!("lead {LMHTX}*")]);
    // 6/ … đề nghị UBND tỉnh chỉ đạo Liên minh Hợp tác xã Bình Thuận cùng với các cơ quan
    // liên quan rà soát lại … để thống nhất kiến nghị UBND tỉnh xem xét giải quyết.
    assert_eq!(d[5].action, None);
    assert_eq!(
        roles(d[5]),
        vec![
            "supervisor Ủy ban nhân dân tỉnh Bình Thuận".to_string(),
            format!("lead {LMHTX}"),
            "support các cơ quan liên quan".into(),
            "report_to Ủy ban nhân dân tỉnh Bình Thuận".into(),
        ]
    );
    // 7/ … yêu cầu Liên minh Hợp tác xã tỉnh phải rà soát lại …
    assert_eq!(roles(d[6]), vec![format!("addressee {LMHTX}")]);
    assert!(ds.iter().all(|(_, d)| d.deadline.is_none()));
}

#[test]
fn district_notice_directives() {
    let doc = parse("huyen-uy-42-TB-BTGHU.txt");
    let d: Vec<&Directive> = directives(&doc).into_iter().map(|(_, d)| d).collect();
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].action.as_deref(), Some("Giao"));
    assert_eq!(
        roles(d[0]),
        vec![
            "lead Ban Tuyên giáo Huyện ủy Đức Linh",
            "support Trung tâm Văn hóa - Thông tin huyện Đức Linh"
        ]
    );
    let dl = d[0].deadline.as_ref().unwrap();
    assert_eq!(
        (dl.kind, dl.end.as_deref(), dl.raw.as_str()),
        (
            DeadlineKind::Date,
            Some("2019-03-20"),
            "trước ngày 20/3/2019"
        )
    );
    assert_eq!(d[1].action.as_deref(), Some("Đề nghị"));
    assert_eq!(
        roles(d[1]),
        vec![
            "supervisor Ủy ban nhân dân huyện Đức Linh",
            "lead các xã, thị trấn"
        ]
    );
    assert_eq!(d[1].deadline, None);
    assert_eq!(
        roles(d[2]),
        vec![
            "lead các chi, đảng bộ cơ sở",
            "report_to Ban Tuyên giáo Huyện ủy Đức Linh"
        ]
    );
    let dl = d[2].deadline.as_ref().unwrap();
    assert_eq!(
        (dl.kind, dl.period.as_deref()),
        (DeadlineKind::Recurring, Some("month"))
    );
}

#[test]
fn conclusion_carries_its_list_intro_down() {
    let doc = parse("tinh-uy-15-KL-TU.txt");
    let ds = directives(&doc);
    let markers: Vec<&str> = ds
        .iter()
        .map(|(n, _)| n.marker.as_deref().unwrap_or(""))
        .collect();
    // "1. Ban cán sự đảng … lãnh đạo, chỉ đạo:" introduces a) and b).
    assert_eq!(markers, vec!["a)", "b)", "2.", "3."]);
    let d: Vec<&Directive> = ds.iter().map(|(_, d)| *d).collect();
    assert_eq!(
        roles(d[0]),
        vec![
            "supervisor Ban cán sự đảng Ủy ban nhân dân tỉnh Lâm Đồng*",
            "lead Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng",
            "support các sở, ngành liên quan",
            "report_to Ủy ban nhân dân tỉnh Lâm Đồng",
        ]
    );
    let dl = d[0].deadline.as_ref().unwrap();
    assert_eq!(
        (dl.kind, dl.start.as_deref(), dl.end.as_deref()),
        (
            DeadlineKind::Quarter,
            Some("2017-01-01"),
            Some("2017-03-31")
        )
    );
    assert_eq!(
        roles(d[1]),
        vec![
            "supervisor Ban cán sự đảng Ủy ban nhân dân tỉnh Lâm Đồng*",
            "lead Sở Tài chính tỉnh Lâm Đồng"
        ]
    );
    assert_eq!(
        d[1].deadline.as_ref().unwrap().period.as_deref(),
        Some("year")
    );
    assert_eq!(
        roles(d[2]),
        vec![
            "supervisor các huyện ủy, thành ủy",
            "lead chính quyền địa phương"
        ]
    );
    assert_eq!(
        roles(d[3]),
        vec![
            "lead Văn phòng Tỉnh ủy Lâm Đồng",
            "report_to Ban Thường vụ Tỉnh ủy Lâm Đồng"
        ]
    );
    assert_eq!(
        d[3].deadline.as_ref().unwrap().period.as_deref(),
        Some("6 months")
    );
}

#[test]
fn notice_by_agency_headings() {
    let doc = parse("ubnd-120-TB-UBND.txt");
    let ds = directives(&doc);
    assert_eq!(ds.len(), 3, "two bullets under 1., one paragraph under 2.");
    let d: Vec<&Directive> = ds.iter().map(|(_, d)| *d).collect();
    let skhdt = "Sở Kế hoạch và Đầu tư tỉnh Bình Thuận";
    assert_eq!(
        roles(d[0]),
        vec![
            format!("lead {skhdt}*"),
            "support Sở Tài chính tỉnh Bình Thuận".into(),
            "report_to Ủy ban nhân dân tỉnh Bình Thuận".into()
        ]
    );
    assert_eq!(
        d[0].deadline.as_ref().unwrap().end.as_deref(),
        Some("2021-08-30")
    );
    assert_eq!(
        roles(d[1]),
        vec![
            format!("lead {skhdt}*"),
            "report_to Ủy ban nhân dân tỉnh Bình Thuận".into()
        ]
    );
    assert_eq!(
        d[1].deadline.as_ref().unwrap().period.as_deref(),
        Some("month")
    );
    assert_eq!(
        roles(d[2]),
        vec!["lead Ủy ban nhân dân các huyện, thị xã, thành phố*"]
    );
    let dl = d[2].deadline.as_ref().unwrap();
    assert_eq!(
        (dl.start.as_deref(), dl.end.as_deref()),
        (Some("2021-07-01"), Some("2021-09-30"))
    );
    assert!(d[2].urgent, "Khẩn trương");
}

#[test]
fn cong_van_points() {
    let doc = parse("so-ct-356-SCT-QLTM.txt");
    let d: Vec<&Directive> = directives(&doc).into_iter().map(|(_, d)| d).collect();
    // Points a) and b), then the closing request: "Sở Công Thương đề nghị các đơn vị quan
    // tâm, phối hợp thực hiện./."
    assert_eq!(d.len(), 3);
    assert_eq!(roles(d[2]), vec!["addressee các đơn vị"]);
    assert_eq!(
        roles(d[0]),
        vec![
            "lead Chi cục Quản lý thị trường tỉnh Ninh Thuận",
            "support Công an tỉnh Ninh Thuận",
            "report_to Sở Công Thương tỉnh Ninh Thuận",
        ]
    );
    assert_eq!(
        d[0].deadline.as_ref().unwrap().end.as_deref(),
        Some("2022-02-28")
    );
    assert_eq!(
        roles(d[1]),
        vec![
            "supervisor Ủy ban nhân dân các huyện, thành phố",
            "lead Phòng Kinh tế"
        ]
    );
    assert_eq!(
        d[1].deadline.as_ref().unwrap().period.as_deref(),
        Some("week")
    );
    assert!(
        d[..2]
            .iter()
            .all(|d| d.assignments.iter().all(|a| a.role != Role::Addressee))
    );
}

#[test]
fn explicit_names_point_into_the_text() {
    let doc = parse("huyen-uy-42-TB-BTGHU.txt");
    let (n, d) = directives(&doc)[0];
    let a = &d.assignments[0];
    let [s, e] = a.at.unwrap();
    assert_eq!(&n.text[s..e], "Ban Tuyên giáo Huyện ủy");
    let [s, e] = d.deadline.as_ref().unwrap().at;
    assert_eq!(&n.text[s..e], "trước ngày 20/3/2019");
}

#[test]
fn users_extend_the_gazetteer() {
    let text = "UBND TỈNH LÀO CAI\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 1/TB-UBND\tLào Cai, ngày 02 tháng 01 năm 2026\nTHÔNG BÁO\nKết luận\n\n1. Giao Tổ công tác đặc biệt chủ trì rà soát các dự án, hoàn thành trước ngày 15/01.\n";
    let builtin = vanban::extract::Gazetteer::builtin();
    let doc = vanban::parse_text_with("t.txt", text, builtin);
    let (_, d) = directives(&doc)[0];
    assert!(d.assignments.iter().all(|a| !a.canonical.starts_with("Tổ")));
    // The partial date takes the document's year.
    assert_eq!(
        d.deadline.as_ref().unwrap().end.as_deref(),
        Some("2026-01-15")
    );
    let mut g = builtin.clone();
    g.extend("# teams\nhead\tTổ công tác\n").unwrap();
    let doc = vanban::parse_text_with("t.txt", text, &g);
    let (_, d) = directives(&doc)[0];
    assert_eq!(roles(d), vec!["lead Tổ công tác đặc biệt"]);
    // A malformed line is refused with its number.
    let err = g.extend("head\tA\nabbr\tB\n").unwrap_err();
    assert!(err.starts_with("line 2:"), "{err}");
}

/// A plan's task table (TT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian
/// hoàn thành): each row a directive with the lead, support and deadline of its columns,
/// the same from the text (TAB columns) and from Markdown (pipe tables).
#[test]
fn a_task_tables_rows_are_directives() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let vh = "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng";
    let want: [(Vec<String>, &str); 3] = [
        (
            vec![
                format!("lead {vh}"),
                "support Sở Tài chính tỉnh Lâm Đồng".to_string(),
                "support Sở Xây dựng tỉnh Lâm Đồng".to_string(),
            ],
            "2025-06-30",
        ),
        (
            vec![
                "lead Sở Nông nghiệp và Môi trường tỉnh Lâm Đồng".to_string(),
                "support Ủy ban nhân dân các xã, phường".to_string(),
            ],
            "2025-09-30",
        ),
        (
            vec![
                "lead Sở Tài chính tỉnh Lâm Đồng".to_string(),
                format!("support {vh}"),
            ],
            "2025-11-30",
        ),
    ];
    for file in [
        root.join("tests/fixtures/tables/ubnd-45-KH-UBND.txt"),
        root.join("tests/fixtures/tables/ubnd-45-KH-UBND.md"),
    ] {
        let doc = vanban::parse_file(&file);
        assert_eq!(doc.status, vanban::Status::Ok, "{}", file.display());
        let ds = directives(&doc);
        // The three rows, then the closing paragraph under "III. TỔ CHỨC THỰC HIỆN": "Các
        // sở, ngành, địa phương báo cáo kết quả … về Sở Văn hóa, Thể thao và Du lịch trước
        // ngày 15/12/2025 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh./."
        assert_eq!(ds.len(), 4, "{}", file.display());
        let closing = ds[3].1;
        assert_eq!(
            roles(closing),
            vec![
                "lead các sở, ngành, địa phương".to_string(),
                format!("report_to {vh}"),
                "report_to Ủy ban nhân dân tỉnh Lâm Đồng".to_string(),
            ]
        );
        let dl = closing.deadline.as_ref().expect("trước ngày 15/12/2025");
        assert_eq!(dl.end.as_deref(), Some("2025-12-15"));
        for ((n, d), (roles_want, end)) in ds.iter().zip(&want) {
            assert_eq!(n.cells.len(), 5, "{}", n.text);
            assert_eq!(&roles(d), roles_want, "{}", n.text);
            let dl = d.deadline.as_ref().expect("a deadline in its column");
            assert_eq!(dl.end.as_deref(), Some(*end), "{}", n.text);
        }
        assert_eq!(doc.recipients.len(), 4);
        let s = doc.signature.as_ref().unwrap();
        assert_eq!(s.signer.as_deref(), Some("Nguyễn Văn Hòa"));
        assert_eq!(s.title.as_deref(), Some("PHÓ CHỦ TỊCH"));
    }
}

/// A commune Party committee's plan, as a converter writes it in Markdown (lines wrapped
/// inside paragraphs, blank lines between them): a heading naming its bodies in brackets,
/// a task in parts (Nhiệm vụ, Cơ quan thực hiện, Thời gian thực hiện), and the
/// committee's own boards named without it.
#[test]
fn a_communes_plan_in_markdown() {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plans/dang-uy-xa-08-KH-DU.md");
    let doc = vanban::parse_file(&file);
    assert_eq!(doc.status, vanban::Status::Ok);
    let vp = "Văn phòng Đảng ủy xã Tân Hòa";
    let xdd = "Ban Xây dựng Đảng Đảng ủy xã Tân Hòa";
    let ds = directives(&doc);
    let got: Vec<(String, Vec<String>)> = ds
        .iter()
        .map(|(n, d)| (n.text.chars().take(24).collect(), roles(d)))
        .collect();
    let want: Vec<(String, Vec<String>)> = vec![
        // I.1 a), b): the two bodies in the heading's brackets lead.
        (
            "Rà soát hồ sơ, tài liệu ".into(),
            vec![format!("lead {vp}*"), format!("lead {xdd}*")],
        ),
        (
            "Phối hợp với Ủy ban Kiểm".into(),
            vec![
                format!("lead {vp}*"),
                format!("lead {xdd}*"),
                "support Ủy ban Kiểm tra Đảng ủy xã Tân Hòa".into(),
            ],
        ),
        // I.2: the task part is the directive; the other parts give its agencies.
        (
            "Nhiệm vụ: Cập nhật thông".into(),
            vec![
                format!("lead {xdd}*"),
                "support các chi bộ trực thuộc*".into(),
                format!("support {vp}*"),
            ],
        ),
        // II.1: "… phối hợp với / UBND xã …" wrapped inside the paragraph; "Ban Thường vụ
        // Đảng ủy Kế hoạch năm 2027": the name ends before the document's.
        (
            "Giao Văn phòng Đảng ủy t".into(),
            vec![
                format!("lead {vp}"),
                "support Ủy ban nhân dân xã Tân Hòa".into(),
                "report_to Ban Thường vụ Đảng ủy xã Tân Hòa".into(),
            ],
        ),
    ];
    assert_eq!(got, want);
    let dl = |i: usize| ds[i].1.deadline.as_ref().and_then(|d| d.end.clone());
    assert_eq!(dl(0).as_deref(), Some("2026-03-31"));
    assert_eq!(dl(2).as_deref(), Some("2026-06-30"));
    assert_eq!(doc.recipients.len(), 3);
    let s = doc.signature.as_ref().unwrap();
    assert_eq!(s.signer.as_deref(), Some("Lò Văn Pao"));
}

/// A Party committee's programme: parts "A." and "B." above roman sections, and under a
/// year the task, then who prepares it and when. The task is the line that says what is
/// to be done, not the year over it.
#[test]
fn a_task_under_a_year_is_the_line_that_says_what() {
    let text = "ĐẢNG BỘ TỈNH KHÁNH HÒA\tĐẢNG CỘNG SẢN VIỆT NAM\n\
                ĐẢNG ỦY XÃ CÔNG HẢI\n\
                *\n\
                Số 05-CTr/ĐU\tCông Hải, ngày 10 tháng 10 năm 2025\n\
                CHƯƠNG TRÌNH\nlàm việc toàn khóa\n\n\
                A. NỘI DUNG TRÌNH BAN CHẤP HÀNH ĐẢNG BỘ XÃ\n\
                I. CÁC NỘI DUNG CỤ THỂ\n\
                1. Năm 2028\n\
                Sơ kết giữa nhiệm kỳ thực hiện Nghị quyết Đại hội Đảng bộ xã\n\
                - Ban Xây dựng Đảng chủ trì, phối hợp với các cơ quan liên quan chuẩn bị.\n\
                - Thời gian thực hiện: tháng 6/2028.\n\
                B. NỘI DUNG TRÌNH BAN THƯỜNG VỤ ĐẢNG ỦY\n\
                1. Tổng kết công tác dân vận.\n\n\
                Nơi nhận:\tT/M ĐẢNG ỦY\n\
                - Các chi bộ,\tBÍ THƯ\n\
                - Lưu VP.\n\
                \tNguyễn Văn An\n";
    let doc = vanban::parse_text("ctr.txt", text);
    let parts: Vec<&str> = doc.body.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        parts,
        vec![
            "NỘI DUNG TRÌNH BAN CHẤP HÀNH ĐẢNG BỘ XÃ",
            "NỘI DUNG TRÌNH BAN THƯỜNG VỤ ĐẢNG ỦY"
        ]
    );
    let ds = directives(&doc);
    let year = ds.iter().find(|(n, _)| n.text == "Năm 2028");
    assert!(year.is_none(), "the year is no task");
    let (_, d) = ds
        .iter()
        .find(|(n, _)| n.text.starts_with("Sơ kết giữa nhiệm kỳ"))
        .expect("the task under the year");
    assert_eq!(
        roles(d),
        vec![
            "lead Ban Xây dựng Đảng Đảng ủy xã Công Hải*",
            "support các cơ quan liên quan*"
        ]
    );
    let due = d.deadline.as_ref().unwrap();
    assert_eq!(due.kind, DeadlineKind::Month);
    assert_eq!(due.end.as_deref(), Some("2028-06-30"));
}
