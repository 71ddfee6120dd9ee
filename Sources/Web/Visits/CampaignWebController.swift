import Domain
import Foundation
import Persistence
import Vapor

/// 专项活动 pages: every non-resident sees the campaigns reaching their jurisdiction; leaders start them.
struct CampaignWebController {
    struct CampaignForm: Content {
        var name: String?
        var startDate: String?
        var endDate: String?
        var unitIDs: [String]?
        var target: String?
        var tags: [String]?
        var placeKind: String?

        var input: CampaignInput {
            CampaignInput(name: name ?? "", startDate: startDate ?? "", endDate: endDate ?? "", unitIDs: (unitIDs ?? []).compactMap { Int64($0) },
                          target: target ?? "", tags: tags, placeKind: placeKind.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    func list(_ req: Request) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.seesWorkRecords else { throw NotFound() }
        return CampaignPages.list(req.pageContext, campaigns: try await req.store.campaigns(caller))
    }

    func newForm(_ req: Request) async throws -> HTMLPage {
        let today = ChinaTime.day(req.application.settings.now())
        let month = ChinaTime.day(Period.month(of: req.application.settings.now()).end.addingTimeInterval(-1))
        return try await formPage(req, CampaignForm(startDate: today, endDate: month, target: "households"), errors: [])
    }

    func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CampaignForm.self)
        do {
            let c = try await req.store.createCampaign(form.input, try req.caller())
            return req.redirect(to: Site.campaign(c.id).path)
        } catch let v as ValidationFailure {
            return try await formPage(req, form, errors: v.errors, status: .unprocessableEntity).encodeResponse(for: req)
        }
    }

    func show(_ req: Request) async throws -> HTMLPage {
        CampaignPages.report(req.pageContext, try await req.store.campaignReport(id: try req.id(), try req.caller()))
    }

    func export(_ req: Request) async throws -> Response {
        let report = try await req.store.campaignReport(id: try req.id(), try req.caller()), t = Texts(req.language)
        return try ExportTable.response(CampaignPages.tables(t, report), for: req, filename: "\(report.campaign.name)-\(ChinaTime.day(req.application.settings.now()))")
    }

    /// Scope choices: every unit above the grids (grids would run to thousands in a city).
    private func formPage(_ req: Request, _ form: CampaignForm, errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> HTMLPage {
        let caller = try req.caller()
        guard caller.role.mayDirectWork else { throw Forbidden() }
        let units = try await req.store.units(caller).filter { $0.kind != .grid }
        return CampaignPages.form(req.pageContext, units: units, form: form, tags: try await req.store.workSettings().careTagsInUse, errors: errors, status: status)
    }
}
