#include "newsroomreadiness.h"

#include "database.h"
#include "imagerepository.h"
#include "settingsrepository.h"

namespace byline {

ReadinessContext newsroomReadinessContext(Database &db)
{
    ReadinessContext ctx;
    Database *d = &db;
    ctx.imageByAttachment = [d](qint64 id) -> std::optional<Image> {
        auto r = ImageRepository(*d).findByAttachmentId(id);
        return r ? std::optional<Image>(*r) : std::nullopt;
    };
    SettingsRepository settings(db);
    ctx.baseUrl = settings.value(settingkeys::kBaseUrl).valueOr({});
    ctx.creditStyle = creditStyleFromHouseStyle(settings.value(settingkeys::kCreditStyle).valueOr({}));
    return ctx;
}

} // namespace byline
