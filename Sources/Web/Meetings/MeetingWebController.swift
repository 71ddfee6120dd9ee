import Domain
import Foundation
import Persistence
import Vapor

/// 恳谈会 / 座谈会 pages: the list, the record with its on-site evaluation and the suggestions
/// raised (each becomes a request), and a meeting's page.
struct MeetingWebController {
    struct MeetingForm: Content {
        var unitID: String?
        var kind: String?
        var heldOn: String?
        var place: String?
        var residents: String?, deputies: String?, cadres: String?, supervisors: String?
        var minutes: String?
        var satisfied: String?, basicallySatisfied: String?, dissatisfied: String?
        var suggestionCategory: [String]?
        var suggestionText: [String]?

        var input: MeetingInput {
            let suggestions = zip(suggestionCategory ?? [], suggestionText ?? []).compactMap { c, t in
                t.trimmed.isEmpty ? nil : MeetingSuggestion(categoryCode: c, description: t)
            }
            return MeetingInput(unitID: unitID.flatMap { Int64($0) } ?? 0, kind: kind ?? "", heldOn: heldOn ?? "", place: place ?? "",
                                attendance: Attendance(residents: FormNumber.count(residents), deputies: FormNumber.count(deputies), cadres: FormNumber.count(cadres), supervisors: FormNumber.count(supervisors)),
                                minutes: minutes ?? "",
                                evaluation: Evaluation(satisfied: FormNumber.count(satisfied), basicallySatisfied: FormNumber.count(basicallySatisfied), dissatisfied: FormNumber.count(dissatisfied)),
                                suggestions: suggestions)
        }
    }

    func list(_ req: Request) async throws -> HTMLPage {
        MeetingPages.list(req.pageContext, meetings: try await meetings(req))
    }

    func export(_ req: Request) async throws -> Response {
        let t = Texts(req.language)
        return try ExportTable.response([MeetingPages.table(t, meetings: try await meetings(req))], for: req,
                                        filename: "\(t("meeting.title"))-\(ChinaTime.day(req.application.settings.now()))")
    }

    private func meetings(_ req: Request) async throws -> [MeetingView] {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return try await req.store.meetings(caller)
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        let home = try await req.store.units(caller).first { $0.kind != .bureau }
        return try await formPage(req, MeetingForm(unitID: home.map { String($0.id) }, kind: MeetingKind.heartToHeart.rawValue,
                                                   heldOn: ChinaTime.day(req.application.settings.now())), errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(MeetingForm.self)
        do {
            let m = try await req.store.createMeeting(form.input, try req.caller())
            return req.redirect(to: Site.meeting(m.id).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        MeetingPages.detail(req.pageContext, try await req.store.meeting(id: try req.id(), try req.caller()), now: req.application.settings.now())
    }

    private func formPage(_ req: Request, _ form: MeetingForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayRecordWork else { throw Forbidden() }
        let units = try await req.store.units(caller).filter { $0.kind != .bureau }
        return MeetingPages.form(req.pageContext, form: form, units: units, categories: try await req.store.requestCategories(), errors: errors, status: status)
    }
}
