/**
 * The API's stable error codes as sentences a person reads, in both languages. error-codes.test.ts
 * collects every code the service can answer (src/**) and fails for one missing here.
 */
type Sentence = { readonly vi: string; readonly en: string };

export const ERROR_MESSAGES: Readonly<Record<string, Sentence>> = {
  // Request and transport
  'VALIDATION.FAILED': { vi: 'Yêu cầu có mục không hợp lệ; chưa có gì được ghi.', en: 'Some fields are not valid; nothing was recorded.' },
  'LIST.CURSOR_INVALID': {
    vi: 'Con trỏ trang không phải do danh sách này cấp cho cách sắp xếp đã chọn; hãy tải lại từ trang đầu.',
    en: 'The page cursor was not given by this list for this sort; start again from the first page.',
  },
  'LIST.RELEVANCE_WITHOUT_SEARCH': {
    vi: 'Sắp xếp theo mức độ phù hợp chỉ dùng khi có từ khóa tìm kiếm (q); hãy nhập từ khóa hoặc chọn cách sắp xếp khác.',
    en: 'Sorting by relevance ranks the matches of a search: give search words (q), or choose another sort.',
  },
  'WORKLIST.UNIT_ID_INVALID': {
    vi: 'Mã đơn vị không hợp lệ: từ 1 đến 100 chữ cái, chữ số, ".", "_", ":" hoặc "-".',
    en: 'A unit id is 1-100 letters, digits, ".", "_", ":" or "-".',
  },
  'WORKLIST.UNIT_NOT_FOUND': { vi: 'Đơn vị này chưa được đăng ký.', en: 'This unit is not registered.' },
  'REQUEST.MALFORMED_JSON': {
    vi: 'Nội dung gửi lên không đọc được; chưa có gì được ghi.',
    en: 'The request body could not be read; nothing was recorded.',
  },
  'REQUEST.TOO_LARGE': { vi: 'Nội dung gửi lên quá lớn.', en: 'The request is too large.' },
  'REQUEST.UNREADABLE': { vi: 'Nội dung gửi lên không đọc được.', en: 'The request body could not be read.' },
  'REQUEST.TOO_DEEP': {
    vi: 'Nội dung gửi lên lồng nhau quá sâu; chưa có gì được ghi.',
    en: 'The request body is nested too deeply; nothing was recorded.',
  },
  'REQUEST.INVALID_UTF8': {
    vi: 'Nội dung gửi lên có ký tự không phải UTF-8; chưa có gì được ghi.',
    en: 'The request body is not valid UTF-8; nothing was recorded.',
  },
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': {
    vi: 'Kiểu nội dung gửi lên không được nhận ở đây.',
    en: 'This kind of request body is not accepted here.',
  },
  'REQUEST.MALFORMED_MULTIPART': {
    vi: 'Biểu mẫu kèm tệp không đọc được; chưa có gì được ghi.',
    en: 'The form with its file could not be read; nothing was recorded.',
  },
  'REQUEST.MALFORMED_PATH': { vi: 'Địa chỉ yêu cầu không hợp lệ.', en: 'The request address is not valid.' },
  'HEALTH.NOT_READY': {
    vi: 'Hệ thống chưa sẵn sàng; hãy thử lại sau ít phút.',
    en: 'The service is not ready yet; try again in a few minutes.',
  },
  'IMPORT.UNKNOWN_COMMAND': { vi: 'Dòng nhập không nêu một lệnh đã biết.', en: 'The import row names no known command.' },
  'IMPORT.SOURCE_ID_REQUIRED': { vi: 'Dòng nhập thiếu mã của hệ thống cũ.', en: 'The import row lacks the previous system’s id.' },
  'IMPORT.OCCURRED_AT_REQUIRED': { vi: 'Dòng nhập phải ghi thời điểm xảy ra.', en: 'The import row must say when it happened.' },
  'IMPORT.ROW_UNREADABLE': { vi: 'Không đọc được dòng nhập này.', en: 'The import row cannot be read.' },
  'IMPORT.FINDING_OPENS_CASE': {
    vi: 'Phát hiện được nhập không tự mở hồ sơ; hãy nhập hồ sơ bằng một dòng riêng.',
    en: 'An imported finding does not open a case; import the case as its own row.',
  },
  NOT_FOUND: { vi: 'Không tìm thấy hồ sơ này.', en: 'No such record.' },
  INTERNAL: {
    vi: 'Hệ thống gặp lỗi bất ngờ; chưa có gì được ghi. Hãy thử lại sau.',
    en: 'The service failed unexpectedly; nothing was recorded. Try again later.',
  },
  RATE_LIMITED: { vi: 'Gửi quá nhiều yêu cầu; hãy chờ một lát.', en: 'Too many requests; wait a moment.' },
  PRECONDITION_FAILED: {
    vi: 'Hồ sơ vừa được người khác cập nhật; hãy tải lại rồi thử lại.',
    en: 'Someone else updated this record meanwhile; reload and try again.',
  },
  'IF_MATCH.INVALID': {
    vi: 'Phiên bản hồ sơ gửi kèm không hợp lệ; hãy tải lại trang.',
    en: 'The record version sent is not valid; reload the page.',
  },
  'IDEMPOTENCY_KEY.REUSED': {
    vi: 'Yêu cầu này đã được gửi với nội dung khác; hãy mở lại biểu mẫu.',
    en: 'This request was already sent with other content; open the form again.',
  },
  'IDEMPOTENCY_KEY.INVALID': { vi: 'Khóa chống gửi trùng không hợp lệ.', en: 'The repeat-protection key is not valid.' },
  'CORRELATION_ID.INVALID': { vi: 'Mã liên kết yêu cầu không hợp lệ.', en: 'The correlation id is not valid.' },
  'OCCURRED_AT.IN_FUTURE': {
    vi: 'Thời điểm xảy ra ở tương lai: không ghi được việc chưa xảy ra.',
    en: 'That time is in the future: a fact cannot be recorded before it happens.',
  },
  'OCCURRED_AT.BEFORE_PREVIOUS': {
    vi: 'Thời điểm này sớm hơn sự kiện trước đó của hồ sơ.',
    en: 'That time is before the record’s previous event.',
  },
  'CONFIG.INVALID': { vi: 'Cấu hình hệ thống không hợp lệ.', en: 'The service’s configuration is not valid.' },
  'NETWORK.UNREACHABLE': {
    vi: 'Không kết nối được với hệ thống. Kiểm tra mạng rồi thử lại.',
    en: 'The service cannot be reached. Check the connection and try again.',
  },
  // Authentication and permissions
  'AUTH.TOKEN_MISSING': { vi: 'Bạn chưa đăng nhập.', en: 'You are not signed in.' },
  'AUTH.TOKEN_INVALID': { vi: 'Thông tin đăng nhập không hợp lệ hoặc đã hết hạn.', en: 'Your credentials are not valid or have expired.' },
  'AUTH.KEYS_UNAVAILABLE': {
    vi: 'Chưa liên lạc được với hệ thống xác thực; hãy thử lại sau.',
    en: 'The identity provider cannot be reached; try again later.',
  },
  'AUTH.ROLE_REQUIRED': { vi: 'Vai trò của bạn không được làm việc này.', en: 'Your roles do not allow this.' },
  'AUTH.UNIT_OUT_OF_SCOPE': { vi: 'Việc này thuộc đơn vị bạn không phụ trách.', en: 'This belongs to a unit you do not serve.' },
  'AUTH.NOT_SELF': { vi: 'Bạn chỉ được xem của chính mình.', en: 'You may only see your own.' },
  'AUTH.ROUTE_NOT_OPEN': { vi: 'Chức năng này không mở cho vai trò nào.', en: 'This function is not open to any role.' },
  'SESSION.NONE': { vi: 'Bạn chưa đăng nhập.', en: 'You are not signed in.' },
  'SESSION.EXPIRED': { vi: 'Phiên làm việc đã kết thúc; hãy đăng nhập lại.', en: 'Your session has ended; sign in again.' },
  'SESSION.LINK_INVALID': {
    vi: 'Liên kết đăng nhập không hợp lệ (có thể bị cắt khi sao chép).',
    en: 'The sign-in link is not valid (it may have been cut when copied).',
  },
  'SESSION.LINK_EXPIRED': {
    vi: 'Liên kết đăng nhập đã hết hạn; hãy xin liên kết mới.',
    en: 'The sign-in link has expired; ask for a new one.',
  },
  'SESSION.LINK_USED': {
    vi: 'Liên kết đăng nhập này đã được dùng; mỗi liên kết chỉ dùng một lần.',
    en: 'This sign-in link was used already; each link works once.',
  },
  'SESSION.LINKS_UNAVAILABLE': {
    vi: 'Hệ thống này đăng nhập qua nhà cung cấp định danh, không dùng liên kết.',
    en: 'This service signs people in through its identity provider, not with links.',
  },
  'SESSION.CROSS_SITE': { vi: 'Yêu cầu đến từ trang khác nên bị từ chối.', en: 'The request came from another site and was refused.' },
  'SESSION.CSRF_TOKEN_MISSING': {
    vi: 'Thiếu mã bảo vệ phiên; hãy tải lại trang.',
    en: 'The session’s protection token is missing; reload the page.',
  },
  'SESSION.CSRF_TOKEN_INVALID': {
    vi: 'Mã bảo vệ phiên không đúng; hãy tải lại trang.',
    en: 'The session’s protection token is wrong; reload the page.',
  },
  // Sign-in through the identity provider (the province's account)
  'OIDC.NOT_CONFIGURED': {
    vi: 'Hệ thống này chưa được kết nối với nhà cung cấp định danh; hãy đăng nhập bằng liên kết.',
    en: 'This service is not connected to an identity provider; sign in with a link.',
  },
  'OIDC.PROVIDER_UNAVAILABLE': {
    vi: 'Nhà cung cấp định danh không phản hồi; chưa đăng nhập được. Hãy thử lại sau ít phút.',
    en: 'The identity provider does not answer; sign-in is not possible now. Try again in a few minutes.',
  },
  'OIDC.ATTEMPT_UNKNOWN': {
    vi: 'Lượt đăng nhập này không bắt đầu từ trình duyệt này, đã quá mười phút hoặc đã hoàn tất; hãy đăng nhập lại.',
    en: 'This sign-in was not started in this browser, took more than ten minutes, or was finished already; sign in again.',
  },
  'OIDC.STATE_MISMATCH': {
    vi: 'Phản hồi của nhà cung cấp định danh không khớp với lượt đăng nhập của trình duyệt này; hãy đăng nhập lại.',
    en: "The identity provider's answer does not match the sign-in this browser started; sign in again.",
  },
  'OIDC.PROVIDER_REFUSED': {
    vi: 'Nhà cung cấp định danh không cho đăng nhập (có thể bạn đã huỷ); hãy thử lại.',
    en: 'The identity provider did not sign you in (you may have cancelled); try again.',
  },
  'OIDC.CODE_REFUSED': {
    vi: 'Nhà cung cấp định danh từ chối mã đăng nhập (đã dùng hoặc đã hết hạn); hãy đăng nhập lại.',
    en: 'The identity provider refused the sign-in code (used already or expired); sign in again.',
  },
  'OIDC.ID_TOKEN_INVALID': {
    vi: 'Thông tin định danh nhận được không qua được kiểm tra của hệ thống; chưa mở phiên làm việc.',
    en: "The identity provider's answer did not pass this service's checks; no session was opened.",
  },
  'OIDC.NO_ROLES': {
    vi: 'Tài khoản của bạn chưa được giao vai trò nào trong hệ thống này; hãy đề nghị quản trị viên cấp vai trò.',
    en: 'Your account has no role in this service; ask the administrator to grant you one.',
  },
  // The store and projections
  'LEDGER.WRONG_EXPECTED_REVISION': {
    vi: 'Hồ sơ vừa thay đổi; hãy tải lại rồi thử lại.',
    en: 'The record changed meanwhile; reload and try again.',
  },
  'LEDGER.EVENT_ID_REUSED': { vi: 'Mã sự kiện đã được dùng cho nội dung khác.', en: 'The event id was used for other content.' },
  'LEDGER.INVALID_EVENT': { vi: 'Sự kiện không hợp lệ nên không được ghi.', en: 'The event is not valid and was not recorded.' },
  'LEDGER.STORE_UNAVAILABLE': {
    vi: 'Kho sự kiện tạm thời không truy cập được; chưa có gì được ghi.',
    en: 'The event store is unavailable; nothing was recorded.',
  },
  'PROJECTION.BEHIND': {
    vi: 'Số liệu đang được cập nhật; hãy thử lại sau giây lát.',
    en: 'The figures are being updated; try again in a moment.',
  },
  'CALENDAR.YEAR_OUT_OF_RANGE': {
    vi: 'Lịch ngày làm việc chỉ tính được cho các năm 1995–2100.',
    en: 'Working days can be computed for the years 1995-2100 only.',
  },
  'CALENDAR.YEAR_INVALID': { vi: 'Năm không hợp lệ.', en: 'The year is not valid.' },
  // Cases
  'CASE.NOT_FOUND': { vi: 'Không tìm thấy vụ việc.', en: 'No such case.' },
  'CASE.ALREADY_RECEIVED': { vi: 'Vụ việc này đã được tiếp nhận.', en: 'This case was received already.' },
  'CASE.INVALID_RECEIPT': { vi: 'Thông tin tiếp nhận chưa hợp lệ.', en: 'The receipt is not valid.' },
  'CASE.UNIT_NOT_ACTIVE': {
    vi: 'Đơn vị này chưa đăng ký, đã sáp nhập hoặc giải thể.',
    en: 'That unit is not registered, or was merged or abolished.',
  },
  'CASE.UNIT_CHANGED': { vi: 'Vụ việc vừa chuyển sang đơn vị khác; hãy tải lại.', en: 'The case just moved to another unit; reload it.' },
  'CASE.CLOSED': { vi: 'Vụ việc đã kết thúc; hãy mở lại nếu cần xử lý tiếp.', en: 'The case is closed; reopen it to handle it further.' },
  'CASE.RESOLVED': {
    vi: 'Vụ việc đã giải quyết xong; hãy mở lại nếu cần xử lý tiếp.',
    en: 'The case is resolved; reopen it to handle it further.',
  },
  'CASE.NOT_RESOLVED': { vi: 'Chỉ kết thúc được vụ việc đã giải quyết xong.', en: 'Only a resolved case can be closed.' },
  'CASE.ALREADY_OPEN': {
    vi: 'Vụ việc đang xử lý; chỉ mở lại được vụ việc đã giải quyết hoặc kết thúc.',
    en: 'The case is open; only a resolved or closed case can be reopened.',
  },
  'CASE.ALREADY_ACKNOWLEDGED': { vi: 'Vụ việc đã được xác nhận tiếp nhận.', en: 'The case was acknowledged already.' },
  'CASE.ALREADY_CLASSIFIED': { vi: 'Vụ việc đã được phân loại như vậy.', en: 'The case is already classified so.' },
  'CASE.ALREADY_MARKED_COMPLEX': { vi: 'Vụ việc đã được xác định ở mức độ này.', en: 'The case is already marked so.' },
  'CASE.COMPLEXITY_DOWNGRADE': { vi: 'Không hạ được mức độ phức tạp đã xác định.', en: 'A complexity already recorded cannot be lowered.' },
  'CASE.ASSIGNEE_REQUIRED': {
    vi: 'Hãy giao cho đúng một cán bộ hoặc một đơn vị.',
    en: 'Assign the case to exactly one official or one unit.',
  },
  'CASE.OFFICIAL_UNKNOWN': { vi: 'Không có cán bộ với mã này.', en: 'There is no official with that id.' },
  'CASE.OFFICIAL_LEFT': { vi: 'Cán bộ này đã thôi công tác.', en: 'That official has left.' },
  'CASE.DUE_NOT_AFTER_OCCURRED_AT': { vi: 'Hạn xử lý phải sau thời điểm giao.', en: 'The due date must be after the assignment.' },
  'CASE.DUE_LATER_THAN_CURRENT': {
    vi: 'Hạn mới muộn hơn hạn hiện tại: hãy dùng thao tác gia hạn.',
    en: 'That is later than the current due date: extend the deadline instead.',
  },
  'CASE.NO_DEADLINE': { vi: 'Vụ việc chưa có hạn xử lý để gia hạn.', en: 'The case has no due date to extend.' },
  'CASE.EXTENSION_NOT_LATER': { vi: 'Hạn mới phải muộn hơn hạn hiện tại.', en: 'The new due date must be later than the current one.' },
  'CASE.EXTENSIONS_EXHAUSTED': { vi: 'Đã hết số lần gia hạn được phép.', en: 'No extension is left for this case.' },
  'CASE.ALREADY_SUSPENDED': {
    vi: 'Vụ việc đang tạm đình chỉ; hãy ghi quyết định tiếp tục giải quyết trước.',
    en: 'The case is suspended already; record its resumption first.',
  },
  'CASE.NOT_SUSPENDED': { vi: 'Vụ việc không bị tạm đình chỉ.', en: 'The case is not suspended.' },
  'CASE.SUSPENDED': {
    vi: 'Vụ việc đang tạm đình chỉ; hãy ghi quyết định tiếp tục giải quyết trước.',
    en: 'The case is suspended; record its resumption first.',
  },
  'CASE.NOT_ACKNOWLEDGED': {
    vi: 'Chỉ tạm đình chỉ được vụ việc đã thụ lý; hãy ghi việc tiếp nhận trước.',
    en: 'Only an accepted case can be suspended; record its acknowledgement first.',
  },
  'CASE.REPORT_NOT_UPWARD': {
    vi: 'Chỉ báo cáo được lên đơn vị cấp trên của đơn vị đang xử lý.',
    en: 'A report goes to a unit above the one handling the case.',
  },
  'CASE.NOT_UPPER_LEVEL': {
    vi: 'Đơn vị này không phải cấp trên của đơn vị đang xử lý.',
    en: 'That unit is not above the one handling the case.',
  },
  'CASE.ESCALATION_NOT_UPWARD': { vi: 'Chỉ chuyển được lên đơn vị cấp trên.', en: 'A case can only be escalated to a unit above.' },
  'CASE.REFERRING_UNIT_REQUIRED': { vi: 'Vụ việc chuyển đến phải ghi đơn vị chuyển.', en: 'A referred case needs the referring unit.' },
  'CASE.REFERRING_UNIT_UNEXPECTED': {
    vi: 'Chỉ ghi đơn vị chuyển khi kênh là “Nơi khác chuyển đến”.',
    en: 'The referring unit goes with the referral channel only.',
  },
  'CASE.REFERRING_UNIT_UNKNOWN': { vi: 'Không có đơn vị chuyển với mã này.', en: 'There is no referring unit with that id.' },
  'CASE.REFERRED_TO_ITSELF': { vi: 'Đơn vị không thể tự chuyển vụ việc cho chính mình.', en: 'A unit cannot refer a case to itself.' },
  'CASE.FIRST_LEVEL_UNEXPECTED': {
    vi: 'Chỉ khiếu nại lần hai mới ghi vụ khiếu nại lần đầu mà nó khiếu nại tiếp.',
    en: 'Only a second-level complaint names the first-level complaint it appeals.',
  },
  'CASE.FIRST_LEVEL_NOT_FOUND': {
    vi: 'Không có vụ việc lần đầu với mã này trong sổ.',
    en: 'The ledger holds no first-level case with that id.',
  },
  'CASE.FIRST_LEVEL_NOT_A_COMPLAINT': {
    vi: 'Vụ việc được ghi là lần đầu không phải là khiếu nại.',
    en: 'The case named as the first level is not a complaint.',
  },
  'CASE.FIRST_LEVEL_PENDING': {
    vi: 'Khiếu nại lần đầu chưa được giải quyết và vẫn còn trong thời hạn giải quyết; chỉ khiếu nại lần hai khi đã có quyết định hoặc đã hết hạn (Điều 33 Luật Khiếu nại).',
    en: 'The first-level complaint is not resolved and still within its time; a second-level complaint lies once it is decided or its time has passed (Law on Complaints art. 33).',
  },
  'CASE_HISTORY.AS_OF_INVALID': { vi: 'Thời điểm xem lại không hợp lệ.', en: 'The replay moment is not valid.' },
  // Corrections
  'CORRECTION.UNKNOWN_EVENT': { vi: 'Sự kiện cần đính chính không thuộc hồ sơ này.', en: 'The event to correct is not in this record.' },
  'CORRECTION.OF_CORRECTION': {
    vi: 'Không đính chính một lần đính chính; hãy đính chính sự kiện gốc.',
    en: 'Correct the original event, not a correction.',
  },
  'CORRECTION.NOT_CORRECTABLE': { vi: 'Sự kiện này không đính chính được.', en: 'This event cannot be corrected.' },
  'CORRECTION.FIELD_NOT_CORRECTABLE': { vi: 'Mục này không đính chính được.', en: 'That field cannot be corrected.' },
  'CORRECTION.INVALID_VALUE': { vi: 'Giá trị đính chính không hợp lệ.', en: 'The corrected value is not valid.' },
  'CORRECTION.EMPTY': { vi: 'Đính chính phải thay đổi ít nhất một mục.', en: 'A correction must change at least one field.' },
  'CORRECTION.BREAKS_ASSIGNMENTS': {
    vi: 'Đính chính này làm sai các phân công đã ghi.',
    en: 'This correction would break recorded assignments.',
  },
  // Units and officials
  'UNIT.STANDING_COMMITTEE_PARENT': {
    vi: 'Ban Thường vụ phải trực thuộc cấp ủy của mình.',
    en: 'A standing committee sits under its Party committee.',
  },
  'UNIT.NOT_FOUND': { vi: 'Không tìm thấy đơn vị.', en: 'No such unit.' },
  'UNIT.ALREADY_REGISTERED': { vi: 'Đơn vị đã được đăng ký.', en: 'The unit is registered already.' },
  'UNIT.PARENT_REQUIRED': { vi: 'Đơn vị này cần có đơn vị cấp trên.', en: 'This unit needs a parent unit.' },
  'UNIT.PARENT_NOT_ACTIVE': { vi: 'Đơn vị cấp trên không còn hoạt động.', en: 'The parent unit is not active.' },
  'UNIT.SAME_NAME': { vi: 'Tên mới trùng tên hiện tại.', en: 'The new name is the current one.' },
  'UNIT.MERGE_INTO_ITSELF': { vi: 'Không sáp nhập đơn vị vào chính nó.', en: 'A unit cannot merge into itself.' },
  'UNIT.MERGE_TARGET_NOT_ACTIVE': { vi: 'Đơn vị nhận sáp nhập không còn hoạt động.', en: 'The unit to merge into is not active.' },
  'UNIT.MOVE_UNDER_ITSELF': { vi: 'Không chuyển đơn vị về trực thuộc chính nó.', en: 'A unit cannot be moved under itself.' },
  'UNIT.MOVE_TARGET_NOT_ACTIVE': {
    vi: 'Đơn vị cấp trên mới không còn hoạt động.',
    en: 'The new parent unit is not active.',
  },
  'UNIT.MOVE_MAKES_CYCLE': {
    vi: 'Đơn vị cấp trên mới đang trực thuộc đơn vị này; chuyển như vậy tạo vòng lặp.',
    en: 'The new parent is under this unit; the move would make a cycle.',
  },
  'UNIT.ALREADY_UNDER': { vi: 'Đơn vị đã trực thuộc đơn vị này vào ngày đó.', en: 'The unit is already under that parent on that day.' },
  'UNIT.MOVE_BEFORE_REGISTRATION': {
    vi: 'Ngày hiệu lực của việc chuyển trước ngày đăng ký đơn vị.',
    en: 'The move would take effect before the unit was registered.',
  },
  'UNIT.MOVE_NOT_YET_EFFECTIVE': {
    vi: 'Việc chuyển chưa có hiệu lực; hãy ghi nhận từ ngày có hiệu lực.',
    en: 'The move is not in effect yet; record it from its effective day.',
  },
  'UNIT.REMOTE_AREA_UNCHANGED': {
    vi: 'Đơn vị đã ở đúng tình trạng vùng sâu, vùng xa này vào ngày đó.',
    en: 'The unit already has that remote-area status on that day.',
  },
  'UNIT.REMOTE_AREA_OUT_OF_ORDER': {
    vi: 'Tình trạng vùng sâu, vùng xa của đơn vị đã thay đổi từ ngày này hoặc muộn hơn.',
    en: "The unit's remote-area status already changed with effect from that day or later.",
  },
  'UNIT.REMOTE_AREA_BEFORE_REGISTRATION': {
    vi: 'Ngày hiệu lực trước ngày đăng ký đơn vị.',
    en: 'The change would take effect before the unit was registered.',
  },
  'UNIT.REMOTE_AREA_NOT_YET_EFFECTIVE': {
    vi: 'Quyết định chưa có hiệu lực; hãy ghi nhận từ ngày có hiệu lực.',
    en: 'The decision is not in effect yet; record it from its effective day.',
  },
  'UNIT.MOVE_OUT_OF_ORDER': {
    vi: 'Đơn vị đã được chuyển với ngày hiệu lực muộn hơn hoặc bằng ngày này.',
    en: 'The unit was already moved with effect from that day or later.',
  },
  'OFFICIAL.NOT_FOUND': { vi: 'Không tìm thấy cán bộ.', en: 'No such official.' },
  'OFFICIAL.ALREADY_REGISTERED': { vi: 'Cán bộ đã được đăng ký.', en: 'The official is registered already.' },
  'OFFICIAL.UNIT_NOT_ACTIVE': { vi: 'Đơn vị công tác không còn hoạt động.', en: 'The unit is not active.' },
  'OFFICIAL.SAME_POSITION': { vi: 'Chức vụ mới trùng chức vụ hiện tại.', en: 'The new position is the current one.' },
  'OFFICIAL.LEFT': { vi: 'Cán bộ đã thôi công tác.', en: 'The official has left.' },
  'OFFICIAL.FUTURE_ASSIGNMENT': {
    vi: 'Cán bộ còn phân công bắt đầu sau ngày thôi công tác.',
    en: 'An assignment starts after the last day.',
  },
  'ASSIGNMENT.UNKNOWN': { vi: 'Không có phân công này.', en: 'No such assignment.' },
  'ASSIGNMENT.ALREADY_RECORDED': { vi: 'Phân công đã được ghi.', en: 'The assignment is recorded already.' },
  'ASSIGNMENT.ALREADY_ENDED': { vi: 'Phân công đã kết thúc.', en: 'The assignment has ended already.' },
  'ASSIGNMENT.UNIT_NOT_ACTIVE': { vi: 'Đơn vị được phân công không còn hoạt động.', en: 'The assigned unit is not active.' },
  'ASSIGNMENT.OVERLAPS': { vi: 'Trùng thời gian với một phân công khác.', en: 'It overlaps another assignment.' },
  'ASSIGNMENT.ENDS_BEFORE_START': { vi: 'Ngày kết thúc trước ngày bắt đầu.', en: 'It ends before it starts.' },
  'ASSIGNMENT.ENDS_AFTER_PLANNED_END': { vi: 'Ngày kết thúc sau ngày dự kiến kết thúc.', en: 'It ends after its planned end.' },
  // Visits and meetings
  'VISIT.NOT_FOUND': { vi: 'Không tìm thấy chuyến đi cơ sở.', en: 'No such visit.' },
  'VISIT.ALREADY_SCHEDULED': { vi: 'Chuyến đi với mã này đã được lên lịch.', en: 'A visit with this id is scheduled already.' },
  'VISIT.ALREADY_CONDUCTED': { vi: 'Chuyến đi đã được ghi nhận là đã thực hiện.', en: 'The visit is recorded as conducted already.' },
  'VISIT.CANCELLED': { vi: 'Chuyến đi đã bị hủy.', en: 'The visit was cancelled.' },
  'VISIT.NOT_CONDUCTED': { vi: 'Chuyến đi chưa được ghi nhận là đã thực hiện.', en: 'The visit is not recorded as conducted yet.' },
  'VISIT.SAME_PLANNED_FOR': { vi: 'Chuyến đi đã được lên lịch vào đúng thời điểm này.', en: 'The visit is already planned for that time.' },
  'VISIT.UNIT_NOT_ACTIVE': { vi: 'Đơn vị được thăm không còn hoạt động.', en: 'The unit visited is not active.' },
  'VISIT.CASE_UNIT_NOT_ACTIVE': {
    vi: 'Đơn vị của vụ việc mở từ vấn đề phát hiện không còn hoạt động.',
    en: 'The unit of the case opened from the finding is not active.',
  },
  'VISIT.FINDING_CASE_UNKNOWN': { vi: 'Không có vụ việc với mã này.', en: 'There is no case with that id.' },
  'VISIT.FINDING_CASE_AMBIGUOUS': {
    vi: 'Một vấn đề phát hiện hoặc mở vụ việc mới, hoặc gắn với vụ việc đã có, không cả hai.',
    en: 'A finding either opens a case or concerns an existing one, not both.',
  },
  'VISIT.FINDING_BEFORE_CASE_FACT': {
    vi: 'Thời điểm phát hiện sớm hơn sự việc cuối cùng đã ghi của vụ việc.',
    en: "The finding is dated before the case's last recorded fact.",
  },
  'VISIT.NO_PARTICIPANTS': { vi: 'Chuyến đi cần ít nhất một người tham gia.', en: 'A visit needs at least one participant.' },
  'VISIT.TOO_MANY_PARTICIPANTS': { vi: 'Quá nhiều người tham gia.', en: 'Too many participants.' },
  'VISIT.DUPLICATE_PARTICIPANT': { vi: 'Một người được ghi hai lần.', en: 'Someone is listed twice.' },
  'VISIT.PARTICIPANT_UNKNOWN': { vi: 'Có mã cán bộ không tồn tại.', en: 'A participant id names no official.' },
  'VISIT.PARTICIPANT_NOT_ACTIVE': { vi: 'Có người tham gia không còn công tác.', en: 'A participant is not active.' },
  'VISIT.PARTICIPANT_HAD_LEFT': { vi: 'Có người tham gia đã thôi công tác vào thời điểm đó.', en: 'A participant had left by then.' },
  'VISIT.ENDS_BEFORE_START': { vi: 'Giờ kết thúc trước giờ bắt đầu.', en: 'It ends before it starts.' },
  'VISIT.ENDS_AFTER_RECORD': { vi: 'Giờ kết thúc sau thời điểm ghi nhận.', en: 'It ends after the time it is recorded as done.' },
  'VISIT.INVALID_TIME': { vi: 'Thời điểm không hợp lệ.', en: 'Not a valid time.' },
  'VISIT.FINDING_ID_REUSED': { vi: 'Mã vấn đề phát hiện đã được dùng.', en: 'The finding id is used already.' },
  'MEETING.NOT_FOUND': { vi: 'Không tìm thấy cuộc họp.', en: 'No such meeting.' },
  'MEETING.ALREADY_RECORDED': { vi: 'Cuộc họp với mã này đã được ghi.', en: 'A meeting with this id is recorded already.' },
  'MEETING.UNIT_NOT_ACTIVE': { vi: 'Đơn vị họp không còn hoạt động.', en: 'The meeting’s unit is not active.' },
  'MEETING.ATTENDEES_COUNT': { vi: 'Số người dự không hợp lệ.', en: 'The number of attendees is not valid.' },
  'MEETING.DUPLICATE_ATTENDEE': { vi: 'Một người được ghi hai lần.', en: 'Someone is listed twice.' },
  'MEETING.UNKNOWN_ATTENDEE': { vi: 'Có mã cán bộ không tồn tại.', en: 'An attendee id names no official.' },
  'MEETING.ATTENDEE_LEFT': { vi: 'Có người dự đã thôi công tác vào ngày họp.', en: 'An attendee had left by the day of the meeting.' },
  // Reviews, policies, read sides
  'REVIEW.NOT_FOUND': { vi: 'Không tìm thấy đợt kiểm điểm.', en: 'No such review.' },
  'REVIEW.ALREADY_OPENED': { vi: 'Đợt kiểm điểm đã được mở.', en: 'The review is opened already.' },
  'REVIEW.ALREADY_CONCLUDED': { vi: 'Đợt kiểm điểm đã có kết luận.', en: 'The review is concluded already.' },
  'REVIEW.UNKNOWN_OFFICIAL': { vi: 'Không có cán bộ với mã này.', en: 'There is no official with that id.' },
  'REVIEW.EVIDENCE_COUNT': { vi: 'Số bằng chứng không hợp lệ.', en: 'The number of evidence events is not valid.' },
  'REVIEW.EVIDENCE_NOT_AN_EVENT_ID': { vi: 'Có bằng chứng không phải mã sự kiện.', en: 'An evidence item is not an event id.' },
  'REVIEW.DUPLICATE_EVIDENCE': { vi: 'Một bằng chứng được ghi hai lần.', en: 'An evidence event is listed twice.' },
  'REVIEW.EMPTY_PERIOD': { vi: 'Kỳ kiểm điểm kết thúc trước khi bắt đầu.', en: 'The period ends before it starts.' },
  'REVIEW.PERIOD_TOO_LONG': { vi: 'Kỳ kiểm điểm quá dài.', en: 'The period is too long.' },
  'WEBHOOK.NOT_FOUND': { vi: 'Không tìm thấy đăng ký webhook.', en: 'No such webhook subscription.' },
  'WEBHOOK.ALREADY_REGISTERED': { vi: 'Đăng ký webhook này đã có.', en: 'The webhook subscription is registered already.' },
  'WEBHOOK.ALREADY_DISABLED': { vi: 'Đăng ký webhook đã bị tắt.', en: 'The webhook subscription is disabled already.' },
  'WEBHOOK.URL_INVALID': {
    vi: 'Địa chỉ nhận phải là URL http hoặc https, không kèm tên đăng nhập hay mật khẩu.',
    en: 'The address must be an http or https URL, without a user name or password.',
  },
  'WEBHOOK.NO_EVENT_KINDS': { vi: 'Hãy chọn ít nhất một loại sự kiện để gửi.', en: 'Choose at least one kind of event to deliver.' },
  'WEBHOOK.HOST_NOT_ALLOWED': {
    vi: 'Máy chủ nhận không nằm trong danh sách được phép (WEBHOOK_ALLOWED_HOSTS).',
    en: 'The receiving host is not on the allowed list (WEBHOOK_ALLOWED_HOSTS).',
  },
  'POLICY.REMOTE_LIMIT_SHORTER': {
    vi: 'Thời hạn cho vùng sâu, vùng xa phải là số ngày nguyên, không ngắn hơn thời hạn thông thường.',
    en: "A remote area's limit is a whole number no shorter than the rule's.",
  },
  'POLICY.REMOTE_COMPLEX_LIMIT_INCOHERENT': {
    vi: 'Thời hạn vụ việc phức tạp ở vùng sâu, vùng xa cần có gia hạn cho vụ việc phức tạp và phải dài hơn thời hạn vùng sâu, vùng xa.',
    en: "A remote area's complex limit needs the rule's complex extensions and must be longer than its remote limit.",
  },
  'POLICY.NOT_FOUND': { vi: 'Không tìm thấy quy định.', en: 'No such rule.' },
  'POLICY.ALREADY_RECORDED': { vi: 'Quy định đã được ghi.', en: 'The rule is recorded already.' },
  'POLICY.ALREADY_RETIRED': { vi: 'Quy định đã bị bãi bỏ.', en: 'The rule is retired already.' },
  'POLICY.ALREADY_ENDS': { vi: 'Quy định đã hết hiệu lực từ trước.', en: 'The rule already stops applying earlier.' },
  'POLICY.RETIRED_BEFORE_EFFECTIVE': { vi: 'Ngày bãi bỏ trước ngày có hiệu lực.', en: 'Retired before it takes effect.' },
  'POLICY.EFFECTIVE_PERIOD_EMPTY': { vi: 'Thời gian hiệu lực trống.', en: 'The effective period is empty.' },
  'POLICY.LIMIT_NOT_POSITIVE': { vi: 'Thời hạn phải lớn hơn 0.', en: 'The limit must be positive.' },
  'DUTY.NOT_FOUND': { vi: 'Không tìm thấy nhiệm vụ hằng tháng.', en: 'No such monthly duty.' },
  'DUTY.ALREADY_RECORDED': {
    vi: 'Nhiệm vụ hằng tháng này đã được ghi; muốn thay đổi, hãy ghi nhiệm vụ mới và bãi bỏ nhiệm vụ cũ.',
    en: 'The monthly duty is recorded already; to change it, record a new duty and retire this one.',
  },
  'DUTY.ALREADY_RETIRED': { vi: 'Nhiệm vụ hằng tháng đã bị bãi bỏ.', en: 'The monthly duty is retired already.' },
  'DUTY.ALREADY_ENDS': { vi: 'Nhiệm vụ hằng tháng đã hết hiệu lực từ trước.', en: 'The monthly duty already stops applying earlier.' },
  'DUTY.RETIRED_BEFORE_EFFECTIVE': {
    vi: 'Ngày bãi bỏ trước ngày nhiệm vụ có hiệu lực.',
    en: 'The duty would be retired before it takes effect.',
  },
  'DUTY.EFFECTIVE_PERIOD_EMPTY': {
    vi: 'Thời gian hiệu lực của nhiệm vụ trống: ngày hết hiệu lực phải sau ngày có hiệu lực.',
    en: "The duty's effective period is empty: effectiveTo must be after effectiveFrom.",
  },
  'DUTY.NOTHING_TO_ATTEND': {
    vi: 'Nhiệm vụ phải nêu ít nhất một loại cuộc họp phải dự.',
    en: 'A duty names at least one kind of meeting to attend.',
  },
  'DUTY.KIND_REPEATED': { vi: 'Một loại cuộc họp được nêu hai lần trong nhiệm vụ.', en: 'A kind of meeting is named twice in the duty.' },
  'DUTY.OVERLAP': {
    vi: 'Trùng ngày hiệu lực với một nhiệm vụ hằng tháng khác đã ghi; hãy bãi bỏ nhiệm vụ đó trước.',
    en: 'It overlaps another recorded monthly duty in force; retire that one first.',
  },
  'POLICY.RULES_OVERLAP': { vi: 'Trùng hiệu lực với một quy định khác.', en: 'It overlaps another rule in force.' },
  'POLICY.PAUSE_REPEATED': { vi: 'Điều kiện tạm dừng bị lặp.', en: 'A pause is listed twice.' },
  'POLICY.PAUSE_INCOHERENT': { vi: 'Điều kiện tạm dừng không nhất quán.', en: 'The pause is not coherent.' },
  'TIMELINE.CASE_NOT_FOUND': { vi: 'Không tìm thấy vụ việc tại thời điểm đó.', en: 'No such case at that time.' },
  'TIMELINE.CASE_ID_INVALID': { vi: 'Mã vụ việc không hợp lệ.', en: 'Not a case id.' },
  'TIMELINE.EMPTY_RANGE': { vi: 'Khoảng thời gian kết thúc trước khi bắt đầu.', en: 'The range ends before it starts.' },
  'AUDIT.ONE_SUBJECT': { vi: 'Chỉ lọc theo một trong: vụ việc, cán bộ, đơn vị.', en: 'Filter by one of case, official or unit only.' },
  'AUDIT.EMPTY_RANGE': { vi: 'Khoảng thời gian kết thúc trước khi bắt đầu.', en: 'The range ends before it starts.' },
  'EVALUATION.YEAR_OUT_OF_RANGE': { vi: 'Năm đánh giá nằm ngoài phạm vi.', en: 'That year is out of range.' },
  'EVALUATION.ONE_SUBJECT': { vi: 'Đánh giá một cán bộ hoặc một đơn vị.', en: 'Evaluate one official or one unit.' },
  'PERSONAL_DATA.UNKNOWN_SUBJECT': { vi: 'Không có chủ thể dữ liệu này.', en: 'No such data subject.' },
  'PERSONAL_DATA.ALREADY_ERASED': { vi: 'Thông tin cá nhân đã bị xóa từ trước.', en: 'The personal data was erased already.' },
  'PERSONAL_DATA.SUBJECT_ERASED': { vi: 'Thông tin cá nhân của chủ thể này đã bị xóa.', en: 'This subject’s personal data was erased.' },
  'PERSONAL_DATA.EMPTY_RANGE': { vi: 'Khoảng thời gian kết thúc trước khi bắt đầu.', en: 'The range ends before it starts.' },
  'OPEN311.LOCATION_REQUIRED': { vi: 'Cần ghi địa điểm.', en: 'A location is required.' },
  'OPEN311.DATE_RANGE': { vi: 'Khoảng thời gian không hợp lệ.', en: 'The date range is not valid.' },
  'OPEN311.STATUS_TOKEN_INVALID': {
    vi: 'Mã theo dõi không đúng với phản ánh này.',
    en: 'The status token does not open this request.',
  },
  'OPEN311.MEDIA_TOO_LARGE': { vi: 'Ảnh gửi kèm quá lớn.', en: 'The photo is too large.' },
  'OPEN311.MEDIA_TYPE_UNSUPPORTED': {
    vi: 'Chỉ nhận ảnh JPEG, PNG, WebP hoặc HEIC.',
    en: 'Only JPEG, PNG, WebP or HEIC photos are accepted.',
  },
  'MEDIA.ALTERED': {
    vi: 'Ảnh lưu kèm không còn khớp với mã băm đã ghi: có dấu hiệu bị sửa đổi.',
    en: 'The stored photo no longer matches its recorded hash: it may have been altered.',
  },
  // Integrity
  'INTEGRITY.NO_CHECKPOINT': { vi: 'Chưa có điểm kiểm tra nào được ký.', en: 'No checkpoint has been signed yet.' },
  'EVENT.ID_INVALID': {
    vi: 'Mã sự kiện phải là một UUID viết thường.',
    en: 'An event id is a lower-case UUID.',
  },
  'EVENT.NOT_FOUND': { vi: 'Không có sự kiện này trong sổ cái.', en: 'There is no such event in the ledger.' },
  'INTEGRITY.EVENT_NOT_LOGGED': { vi: 'Sự kiện chưa có trong cây Merkle.', en: 'The event is not in the Merkle tree yet.' },
  'INTEGRITY.TREE_SIZE_OUT_OF_RANGE': {
    vi: 'Kích thước cây không phù hợp với sự kiện hoặc sổ cái.',
    en: 'That tree size does not fit the event or the log.',
  },
  'INTEGRITY.LOG_BEHIND': {
    vi: 'Cây Merkle chưa theo kịp sổ cái; hãy thử lại sau giây lát.',
    en: 'The Merkle log is catching up; try again in a moment.',
  },
};

/** Statuses for codes the service builds from the HTTP status alone (HTTP.NOT_FOUND...). */
const BY_STATUS: Readonly<Record<number, Sentence>> = {
  400: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' },
  401: { vi: 'Bạn chưa đăng nhập.', en: 'You are not signed in.' },
  403: { vi: 'Bạn không được làm việc này.', en: 'You may not do this.' },
  404: { vi: 'Không tìm thấy.', en: 'Not found.' },
  409: { vi: 'Không thực hiện được ở trạng thái hiện tại.', en: 'Not possible in the current state.' },
  413: { vi: 'Nội dung quá lớn.', en: 'Too large.' },
  422: { vi: 'Không thực hiện được với các giá trị này.', en: 'Not possible with these values.' },
  429: { vi: 'Gửi quá nhiều yêu cầu; hãy chờ một lát.', en: 'Too many requests; wait a moment.' },
  503: { vi: 'Hệ thống tạm thời chưa sẵn sàng; hãy thử lại sau.', en: 'The service is not ready; try again later.' },
};

export function errorSentence(code: string, status: number, language: 'vi' | 'en'): string | undefined {
  return (ERROR_MESSAGES[code] ?? BY_STATUS[status] ?? (status >= 500 ? ERROR_MESSAGES.INTERNAL : undefined))?.[language];
}
