@echo off
rem Juri, portable copy: checks that Microsoft Edge WebView2 is installed, then starts Juri.
rem The data stays in the JuriData folder beside this file. "if not errorlevel" rather than
rem "&&": Wine's cmd (where this file is tested) takes "&&" after a redirected program as success.
set WV2={F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}
reg query "HKLM\SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\%WV2%" /v pv >nul 2>&1
if not errorlevel 1 goto start
reg query "HKLM\SOFTWARE\Microsoft\EdgeUpdate\Clients\%WV2%" /v pv >nul 2>&1
if not errorlevel 1 goto start
reg query "HKCU\Software\Microsoft\EdgeUpdate\Clients\%WV2%" /v pv >nul 2>&1
if not errorlevel 1 goto start
echo Juri memerlukan Microsoft Edge WebView2 Runtime, yang belum terpasang di komputer ini.
echo Windows 10 dan 11 yang diperbarui sudah memilikinya. Minta bagian TI memasangnya, atau
echo pasang "Evergreen Bootstrapper" dari https://developer.microsoft.com/microsoft-edge/webview2/
echo (pemasangan untuk satu pengguna tidak memerlukan hak administrator), lalu jalankan file ini lagi.
echo.
echo Juri needs the Microsoft Edge WebView2 Runtime, which is not installed on this computer.
echo Updated Windows 10 and 11 have it; otherwise install the Evergreen Bootstrapper from the
echo address above (no administrator rights needed for one user), then run this file again.
pause
exit /b 1
:start
start "" "%~dp0Juri.exe"
